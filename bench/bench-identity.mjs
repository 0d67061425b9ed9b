// A throwaway identity provider for one benchmark run: a key pair, its JWKS in a temporary file for the
// service under test (AUTH_JWKS_FILE), and tokens signed with it.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ISSUER = 'urn:registry:bench-identity-provider';

export async function benchIdentityProvider() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const jwksFile = join(mkdtempSync(join(tmpdir(), 'bench-identity-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' }] }));
  return {
    /** The settings the service under test needs to trust these tokens. */
    settings: { AUTH_ISSUER: ISSUER, AUTH_JWKS_FILE: jwksFile },
    token: (role, company) =>
      new SignJWT({ registry_role: role, registry_company: company })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'bench' })
        .setIssuer(ISSUER)
        .setAudience(['registry-contacts', 'registry-sharing', 'registry-audit'])
        .setSubject(`${role}-bench`)
        .setExpirationTime('1h')
        .sign(privateKey),
  };
}
