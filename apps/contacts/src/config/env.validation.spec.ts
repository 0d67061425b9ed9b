import { loadSettings } from '@registry/config';
import { generateKeyPairSync } from 'node:crypto';
import { ContactsSettings } from './env.validation';

const base = {
  AUTH_ISSUER: 'https://identity.example',
  AUTH_JWKS_URL: 'https://identity.example/jwks',
  KAFKA_USERNAME: 'contacts',
  KAFKA_PASSWORD: 'a-password-of-some-length',
  SUPPRESSION_HMAC_SECRET: 'x'.repeat(32),
  AUTH_SERVICE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};
const messageOf = (env: Record<string, string>): string => {
  try {
    loadSettings(ContactsSettings, env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('ContactsSettings: the bound of a disclosure’s record of provision', () => {
  it('is 50,000 entries unless set', () => {
    expect(loadSettings(ContactsSettings, base).DISCLOSURE_RECORD_LIMIT).toBe(50_000);
    expect(loadSettings(ContactsSettings, { ...base, DISCLOSURE_RECORD_LIMIT: '1200' }).DISCLOSURE_RECORD_LIMIT).toBe(1200);
  });

  it('stops start-up on a bound that is not a whole number from 1 to 1,000,000, naming the setting', () => {
    for (const value of ['0', '-5', '1.5', 'all', '1000001']) expect({ value, message: messageOf({ ...base, DISCLOSURE_RECORD_LIMIT: value }) }).toEqual({ value, message: expect.stringContaining('DISCLOSURE_RECORD_LIMIT') });
  });
});
