import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt } from 'class-validator';
import { CommonSettings } from './common-settings';
import { InvalidSettingsError, loadSettings } from './load-settings';
import { NumberSetting } from './transforms';

class ExampleSettings extends CommonSettings {
  override PORT = 3001;

  @NumberSetting() @IsInt()
  OUTBOX_BATCH_SIZE = 100;
}

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/registry_contacts',
  AUTH_ISSUER: 'https://identity.example',
  AUTH_AUDIENCE: 'registry-contacts',
  AUTH_JWKS_URL: 'https://identity.example/jwks',
  KAFKA_USERNAME: 'contacts',
  KAFKA_PASSWORD: 'a-password-of-some-length',
};

describe('loadSettings', () => {
  it('applies defaults and converts values', () => {
    const settings = loadSettings(ExampleSettings, { ...valid, KAFKA_BROKERS: 'a:1, b:2', OUTBOX_BATCH_SIZE: '50' });
    expect(settings.PORT).toBe(3001);
    expect(settings.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(settings.OUTBOX_BATCH_SIZE).toBe(50);
  });

  it('accepts a known log level and sends traces nowhere by default; a collector needs an http(s) endpoint', () => {
    expect(loadSettings(ExampleSettings, valid)).toMatchObject({ LOG_LEVEL: 'log', OTEL_TRACES_EXPORTER: 'none' });
    expect(loadSettings(ExampleSettings, { ...valid, LOG_LEVEL: 'trace' }).LOG_LEVEL).toBe('trace');
    expect(() => loadSettings(ExampleSettings, { ...valid, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadSettings(ExampleSettings, { ...valid, OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/OTEL_TRACES_EXPORTER/);
    expect(() => loadSettings(ExampleSettings, { ...valid, OTEL_TRACES_EXPORTER: 'otlp' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be given/);
    expect(() => loadSettings(ExampleSettings, { ...valid, OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
    expect(loadSettings(ExampleSettings, { ...valid, OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
  });

  it('names every missing or bad setting', () => {
    let error: unknown;
    try {
      loadSettings(ExampleSettings, { AUTH_ISSUER: 'https://identity.example', PORT: 'eighty', KAFKA_BROKERS: 'nohost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('AUTH_AUDIENCE');
    expect(message).toContain('give exactly one of AUTH_JWKS_URL and AUTH_JWKS_FILE');
    expect(message).toContain('PORT');
    expect(message).toContain('KAFKA_BROKERS must be host:port');
  });

  it('requires a Kafka username and password for SASL, a readable CA file when one is named, and nothing for PLAINTEXT', () => {
    const { KAFKA_USERNAME: _user, KAFKA_PASSWORD: _password, ...noCredentials } = valid;
    expect(() => loadSettings(ExampleSettings, noCredentials)).toThrow(/KAFKA_USERNAME is required when KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT or SASL_SSL/);
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_PASSWORD: 'short' })).toThrow(/KAFKA_PASSWORD must be at least 12 characters/);
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_TLS_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      /KAFKA_TLS_CA_FILE must name a readable file/,
    );
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_SECURITY_PROTOCOL: 'TLS' })).toThrow(/KAFKA_SECURITY_PROTOCOL/);
    expect(loadSettings(ExampleSettings, { ...noCredentials, KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' }).KAFKA_USERNAME).toBeUndefined();
    expect(loadSettings(ExampleSettings, valid)).toMatchObject({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
  });

  it('takes the identity provider keys from exactly one of a URL and a file, and the file must hold public keys', () => {
    const directory = mkdtempSync(join(tmpdir(), 'settings-'));
    const publicOnly = join(directory, 'public.jwks.json');
    const withPrivate = join(directory, 'private.jwks.json');
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    writeFileSync(publicOnly, JSON.stringify({ keys: [{ kty: jwk.kty, crv: jwk.crv, x: jwk.x }] }));
    writeFileSync(withPrivate, JSON.stringify({ keys: [jwk] }));
    const { AUTH_JWKS_URL: _url, ...withoutUrl } = valid;
    expect(loadSettings(ExampleSettings, { ...withoutUrl, AUTH_JWKS_FILE: publicOnly }).AUTH_JWKS_FILE).toBe(publicOnly);
    expect(() => loadSettings(ExampleSettings, { ...valid, AUTH_JWKS_FILE: publicOnly })).toThrow(/exactly one of AUTH_JWKS_URL and AUTH_JWKS_FILE/);
    expect(() => loadSettings(ExampleSettings, { ...withoutUrl, AUTH_JWKS_FILE: withPrivate })).toThrow(/AUTH_JWKS_FILE must be a readable JWKS file of public keys .*private key/);
    expect(() => loadSettings(ExampleSettings, { ...withoutUrl, AUTH_JWKS_FILE: join(directory, 'missing.json') })).toThrow(/AUTH_JWKS_FILE/);
  });

  it('bounds the clock tolerance and defaults the claim names', () => {
    const settings = loadSettings(ExampleSettings, valid);
    expect(settings).toMatchObject({ AUTH_ROLE_CLAIM: 'registry_role', AUTH_COMPANY_CLAIM: 'registry_company', AUTH_CLOCK_TOLERANCE_SECONDS: 30 });
    expect(() => loadSettings(ExampleSettings, { ...valid, AUTH_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(/AUTH_CLOCK_TOLERANCE_SECONDS/);
  });

  it('takes an optional metrics token of at least 32 printable characters', () => {
    expect(loadSettings(ExampleSettings, valid).METRICS_TOKEN).toBeUndefined();
    const token = 'm'.repeat(32);
    expect(loadSettings(ExampleSettings, { ...valid, METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
    expect(() => loadSettings(ExampleSettings, { ...valid, METRICS_TOKEN: 'm'.repeat(31) })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
    expect(() => loadSettings(ExampleSettings, { ...valid, METRICS_TOKEN: `${'m'.repeat(32)} x` })).toThrow(/METRICS_TOKEN must be printable ASCII/);
  });

  it('replicates topics once on a single broker by default, and takes a cluster\'s replication factor and in-sync minimum', () => {
    expect(loadSettings(ExampleSettings, valid)).toMatchObject({ KAFKA_REPLICATION_FACTOR: 1, KAFKA_MIN_INSYNC_REPLICAS: 1 });
    expect(loadSettings(ExampleSettings, { ...valid, KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toMatchObject({
      KAFKA_REPLICATION_FACTOR: 3,
      KAFKA_MIN_INSYNC_REPLICAS: 2,
    });
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_REPLICATION_FACTOR: '0' })).toThrow(/KAFKA_REPLICATION_FACTOR must be a whole number of at least 1/);
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_REPLICATION_FACTOR: 'three' })).toThrow(/KAFKA_REPLICATION_FACTOR must be a whole number of at least 1/);
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '1.5' })).toThrow(
      /KAFKA_MIN_INSYNC_REPLICAS must be a whole number of at least 1/,
    );
    expect(() => loadSettings(ExampleSettings, { ...valid, KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS must be at most KAFKA_REPLICATION_FACTOR \(1\)/);
  });

  it('treats an empty variable as missing', () => {
    expect(() => loadSettings(ExampleSettings, { ...valid, DATABASE_URL: '' })).toThrow(/DATABASE_URL/);
  });
});
