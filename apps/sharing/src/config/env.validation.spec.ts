import { loadSettings } from '@registry/config';
import { SharingSettings } from './env.validation';

const base = {
  AUTH_ISSUER: 'https://identity.example',
  AUTH_JWKS_URL: 'https://identity.example/jwks',
  KAFKA_USERNAME: 'sharing',
  KAFKA_PASSWORD: 'a-password-of-some-length',
  KAFKA_CREDENTIALS_ADMIN_USERNAME: 'sharing-credentials',
  KAFKA_CREDENTIALS_ADMIN_PASSWORD: 'another-password-of-some-length',
};

describe('SharingSettings', () => {
  it('requires the credentials principal under SASL, and tells companies the brokers unless told otherwise', () => {
    const { KAFKA_CREDENTIALS_ADMIN_PASSWORD: _password, ...withoutPassword } = base;
    expect(() => loadSettings(SharingSettings, withoutPassword)).toThrow(/KAFKA_CREDENTIALS_ADMIN_PASSWORD is required/);
    expect(loadSettings(SharingSettings, base).KAFKA_COMPANY_BOOTSTRAP_SERVERS).toBeUndefined();
    expect(loadSettings(SharingSettings, { ...base, KAFKA_COMPANY_BOOTSTRAP_SERVERS: 'kafka.group.example:9094' }).KAFKA_COMPANY_BOOTSTRAP_SERVERS).toEqual([
      'kafka.group.example:9094',
    ]);
  });

  it('defaults the pace of backfills, withdrawals and the date check', () => {
    const settings = loadSettings(SharingSettings, base);
    expect(settings.COMPANY_SYNC_BATCH_SIZE).toBe(200);
    expect(settings.COMPANY_SYNC_POLL_MS).toBe(1000);
    expect(settings.ELIGIBILITY_CHECK_INTERVAL_SECONDS).toBe(60);
    expect(loadSettings(SharingSettings, { ...base, COMPANY_SYNC_BATCH_SIZE: '5', ELIGIBILITY_CHECK_INTERVAL_SECONDS: '3600' })).toMatchObject({
      COMPANY_SYNC_BATCH_SIZE: 5,
      ELIGIBILITY_CHECK_INTERVAL_SECONDS: 3600,
    });
  });

  it('refuses an empty batch, a date check less often than daily, and a non-number, naming each', () => {
    let message = '';
    try {
      loadSettings(SharingSettings, { ...base, COMPANY_SYNC_BATCH_SIZE: '0', ELIGIBILITY_CHECK_INTERVAL_SECONDS: '86401', COMPANY_SYNC_POLL_MS: 'soon' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('COMPANY_SYNC_BATCH_SIZE');
    expect(message).toContain('ELIGIBILITY_CHECK_INTERVAL_SECONDS');
    expect(message).toContain('COMPANY_SYNC_POLL_MS');
  });

  it('keeps consumed event ids 30 days by default, and refuses a window shorter than Kafka keeps committed offsets', () => {
    expect(loadSettings(SharingSettings, base).PROCESSED_EVENTS_RETENTION_DAYS).toBe(30);
    expect(() => loadSettings(SharingSettings, { ...base, PROCESSED_EVENTS_RETENTION_DAYS: '7' })).toThrow(/PROCESSED_EVENTS_RETENTION_DAYS/);
  });
});
