import { testSettings } from '@registry/testing';
import { ContactsSettings } from '../src/config/env.validation';

export const TEST_SUPPRESSION_SECRET = 'suppression-secret-for-tests-only-0123456789';

/** Contacts' settings for a test: its own database, the test secrets. */
export function contactsTestSettings(databaseUrl: string, overrides: Record<string, string> = {}): ContactsSettings {
  return testSettings(ContactsSettings, databaseUrl, { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET, ...overrides });
}
