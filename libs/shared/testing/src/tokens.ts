import { mintToken, type Role } from '@registry/auth';

/** The signing secret every service under test is given. */
export const TEST_JWT_SECRET = 'test-secret-for-integration-tests-only-0123456789';

export function bearer(role: Role, companyCode: string, subject = `${role}-${companyCode.toLowerCase()}`): string {
  return `Bearer ${mintToken({ role, companyCode, subject }, TEST_JWT_SECRET)}`;
}

/** Contacts' SUPPRESSION_HMAC_SECRET in tests. */
export const TEST_SUPPRESSION_SECRET = 'suppression-secret-for-tests-only-0123456789';
