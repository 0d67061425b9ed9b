import { generateKeyPairSync } from 'node:crypto';
import { testSettings } from '@registry/testing';
import { AuditSettings } from '../src/config/env.validation';

/** A signing key for one test run; checkpoints made with it verify only against it. */
export const TEST_AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

/** Audit's settings for a test: its own database and consumer group, the test signing key. */
export function auditTestSettings(databaseUrl: string, overrides: Record<string, string> = {}): AuditSettings {
  return testSettings(AuditSettings, databaseUrl, { AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY, ...overrides });
}
