import type { Role } from '@registry/auth';
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The test identity provider's issuer, and each service's audience (their AUTH_AUDIENCE defaults). */
export const TEST_ISSUER = 'https://identity.registry.test';
export const TEST_AUDIENCES = { contacts: 'registry-contacts', sharing: 'registry-sharing', audit: 'registry-audit' } as const;

/** Contacts' own identity in tests (its AUTH_SERVICE_NAME default). */
export const TEST_CONTACTS_SERVICE = 'urn:registry:service:contacts';

/** An Ed25519 key pair with its public JWK, whose key id is the RFC 7638 thumbprint. */
export interface TestKey {
  privateKey: KeyObject;
  publicJwk: Record<string, string>;
  kid: string;
}

export function testKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { crv, kty, x } = publicKey.export({ format: 'jwk' }) as { crv: string; kty: string; x: string };
  const kid = createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
  return { privateKey, publicJwk: { crv, kty, x, kid, alg: 'EdDSA', use: 'sig' }, kid };
}

/** Writes a JWKS file atomically, as a key rotation would. */
export function writeJwksFile(path: string, keys: TestKey[]): void {
  writeFileSync(`${path}.next`, JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
  renameSync(`${path}.next`, path);
}

const directory = mkdtempSync(join(tmpdir(), 'registry-test-identity-'));

/** The test identity provider's key; its public half is in TEST_JWKS_FILE, which every service under test reads. */
export const TEST_ISSUER_KEY = testKey();
export const TEST_JWKS_FILE = join(directory, 'identity-provider.jwks.json');
writeJwksFile(TEST_JWKS_FILE, [TEST_ISSUER_KEY]);

/** Contacts' own signing key in tests; sharing and audit under test trust its public half (TEST_SERVICE_JWKS_FILE). */
export const TEST_SERVICE_KEY = testKey();
export const TEST_SERVICE_JWKS_FILE = join(directory, 'contacts-service.jwks.json');
writeJwksFile(TEST_SERVICE_JWKS_FILE, [TEST_SERVICE_KEY]);

/** The identity settings of a service under test: the test identity provider, contacts' test key and its public half. */
export function testAuthSettings(): Record<string, string> {
  return {
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_JWKS_FILE: TEST_JWKS_FILE,
    AUTH_SERVICE_CALLER_JWKS_FILE: TEST_SERVICE_JWKS_FILE,
    AUTH_SERVICE_SIGNING_KEY: TEST_SERVICE_KEY.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs a JWT with EdDSA (Ed25519), synchronously so tests can mint tokens where they declare them.
 * `claims` override the defaults: the test issuer, every service's audience, one hour of validity.
 */
export function signTestToken(claims: Record<string, unknown>, key: TestKey = TEST_ISSUER_KEY, header: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: TEST_ISSUER, aud: Object.values(TEST_AUDIENCES), iat: now, exp: now + 3600, jti: randomUUID(), ...claims };
  const signingInput = `${base64url({ alg: 'EdDSA', typ: 'JWT', kid: key.kid, ...header })}.${base64url(payload)}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}

/** An Authorization header value: a token of the test identity provider for this role and company. */
export function bearer(role: Role, companyCode: string, subject = `${role}-${companyCode.toLowerCase()}`): string {
  return `Bearer ${signTestToken({ sub: subject, registry_role: role, registry_company: companyCode })}`;
}

/** Contacts' SUPPRESSION_HMAC_SECRET in tests. */
export const TEST_SUPPRESSION_SECRET = 'suppression-secret-for-tests-only-0123456789';
