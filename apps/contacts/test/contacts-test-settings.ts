import { TEST_SUPPRESSION_SECRET, testSettings } from '@registry/testing';
import { ContactsSettings } from '../src/config/env.validation';

/** Contacts' settings for a test: its own database, the test secrets. */
export function contactsTestSettings(databaseUrl: string, overrides: Record<string, string> = {}): ContactsSettings {
  return testSettings(ContactsSettings, databaseUrl, { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET, ...overrides });
}
