import { loadSettings } from '@registry/config';
import { generateKeyPairSync } from 'node:crypto';
import { AuditSettings } from './env.validation';

const ed25519 = generateKeyPairSync('ed25519').privateKey;
const base = {
  AUTH_ISSUER: 'https://identity.example',
  AUTH_JWKS_URL: 'https://identity.example/jwks',
  KAFKA_USERNAME: 'audit',
  KAFKA_PASSWORD: 'a-password-of-some-length',
};
const messageOf = (env: Record<string, string>): string => {
  try {
    loadSettings(AuditSettings, env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('AuditSettings', () => {
  it('takes the signing key as base64 DER or as PEM, and defaults the rest', () => {
    const der = loadSettings(AuditSettings, { ...base, AUDIT_SIGNING_KEY: ed25519.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
    expect(der.AUDIT_RETENTION_DAYS).toBe(1095);
    expect(der.AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(60);
    expect(der).toMatchObject({ AUDIT_RETENTION_BATCH: 5000, AUDIT_VERIFY_INTERVAL_SECONDS: 300, AUDIT_FULL_VERIFY_INTERVAL_HOURS: 24 });
    expect(() => loadSettings(AuditSettings, { ...base, AUDIT_SIGNING_KEY: ed25519.export({ format: 'pem', type: 'pkcs8' }).toString() })).not.toThrow();
  });

  it('stops start-up without a signing key, naming it and how to make one', () => {
    expect(messageOf(base)).toMatch(/AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY must be an Ed25519 private key .*openssl genpkey -algorithm ed25519/);
  });

  it('refuses a key of another kind and a retention shorter than a year', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const message = messageOf({ ...base, AUDIT_SIGNING_KEY: rsa, AUDIT_RETENTION_DAYS: '30', ALERT_READ_LIMIT: 'many' });
    expect(message).toContain('AUDIT_SIGNING_KEY');
    expect(message).toContain('AUDIT_RETENTION_DAYS');
    expect(message).toContain('ALERT_READ_LIMIT');
  });

  it('refuses an empty retention batch and verification intervals out of range, naming each', () => {
    const key = ed25519.export({ format: 'pem', type: 'pkcs8' }).toString();
    const message = messageOf({ ...base, AUDIT_SIGNING_KEY: key, AUDIT_RETENTION_BATCH: '0', AUDIT_VERIFY_INTERVAL_SECONDS: 'often', AUDIT_FULL_VERIFY_INTERVAL_HOURS: '0' });
    expect(message).toContain('AUDIT_RETENTION_BATCH');
    expect(message).toContain('AUDIT_VERIFY_INTERVAL_SECONDS');
    expect(message).toContain('AUDIT_FULL_VERIFY_INTERVAL_HOURS');
  });
});
