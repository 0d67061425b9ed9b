import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokenVerifier, InvalidTokenError, type IdentityProviderOptions } from './access-tokens';

const ISSUER = 'https://identity.example/realms/group';
const AUDIENCE = 'registry-sharing';

interface IssuerKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

async function issuerKey(alg: 'EdDSA' | 'ES256' | 'RS256', kid: string): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, kid };
}

const directory = mkdtempSync(join(tmpdir(), 'access-tokens-'));
let files = 0;
function jwksFile(keys: IssuerKey[]): string {
  files += 1;
  const path = join(directory, `jwks-${files}.json`);
  rewrite(path, keys);
  return path;
}
function rewrite(path: string, keys: IssuerKey[]): void {
  writeFileSync(`${path}.next`, JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
  renameSync(`${path}.next`, path);
}

const registryClaims = { registry_role: 'company', registry_company: 'EVENTS-JP' };

function sign(key: IssuerKey, claims: JWTPayload = registryClaims, alg = String(key.publicJwk.alg), options: { exp?: number | string; iat?: number } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).setSubject('user-1');
  jwt.setIssuedAt(options.iat);
  if (!('aud' in claims)) jwt.setAudience(AUDIENCE);
  if (!('iss' in claims)) jwt.setIssuer(ISSUER);
  return jwt.setExpirationTime(options.exp ?? '5m').sign(key.privateKey);
}

function verifier(jwks: string, overrides: Partial<IdentityProviderOptions> = {}): AccessTokenVerifier {
  return new AccessTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksFile: jwks,
    roleClaim: 'registry_role',
    companyClaim: 'registry_company',
    clockToleranceSeconds: 30,
    ...overrides,
  });
}

describe('AccessTokenVerifier', () => {
  let ed: IssuerKey;
  let es: IssuerKey;
  let rs: IssuerKey;
  let jwks: string;

  beforeAll(async () => {
    [ed, es, rs] = await Promise.all([issuerKey('EdDSA', 'ed-1'), issuerKey('ES256', 'es-1'), issuerKey('RS256', 'rs-1')]);
    jwks = jwksFile([ed, es, rs]);
  });

  it.each(['EdDSA', 'ES256', 'RS256'] as const)('accepts a %s token of the identity provider and says whom it speaks for', async (alg) => {
    const key = { EdDSA: ed, ES256: es, RS256: rs }[alg];
    await expect(verifier(jwks).verify(await sign(key))).resolves.toEqual({ subject: 'user-1', role: 'company', companyCode: 'EVENTS-JP' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ ...registryClaims, role: 'admin' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('x').setExpirationTime('5m').encode();
    await expect(verifier(jwks).verify(unsigned)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses an HS256 token whose secret is the public key (key confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const rsaKey: IssuerKey = { privateKey: rs.privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'rs-2' }, kid: 'rs-2' };
    const withoutAlg = jwksFile([rsaKey]);
    for (const secret of [new TextEncoder().encode(await exportSPKI(publicKey)), new TextEncoder().encode(JSON.stringify(rsaKey.publicJwk))]) {
      const forged = await new SignJWT({ ...registryClaims, registry_role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid: 'rs-2' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('forger')
        .setExpirationTime('5m')
        .sign(secret);
      await expect(verifier(withoutAlg).verify(forged)).rejects.toThrow(/algorithm not accepted/);
    }
  });

  it('refuses a token for another service (wrong audience)', async () => {
    await expect(verifier(jwks).verify(await sign(ed, { ...registryClaims, aud: 'registry-audit' }))).rejects.toThrow(/'aud'/);
  });

  it('refuses a token of another issuer', async () => {
    await expect(verifier(jwks).verify(await sign(ed, { ...registryClaims, iss: 'https://elsewhere.example' }))).rejects.toThrow(/'iss'/);
  });

  it('refuses a token signed by a key the identity provider does not publish', async () => {
    const stranger = await issuerKey('EdDSA', 'ed-1');
    await expect(verifier(jwks).verify(await sign(stranger))).rejects.toThrow(/signature does not verify/);
  });

  it('refuses an expired token, tolerating only the configured clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expiredTenSecondsAgo = await sign(ed, registryClaims, 'EdDSA', { iat: now - 600, exp: now - 10 });
    await expect(verifier(jwks).verify(expiredTenSecondsAgo)).resolves.toMatchObject({ subject: 'user-1' });
    await expect(verifier(jwks, { clockToleranceSeconds: 5 }).verify(expiredTenSecondsAgo)).rejects.toThrow(/expired/);
    const expiredAMinuteAgo = await sign(ed, registryClaims, 'EdDSA', { iat: now - 600, exp: now - 60 });
    await expect(verifier(jwks).verify(expiredAMinuteAgo)).rejects.toThrow(/expired/);
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const early = await sign(ed, { ...registryClaims, nbf: now + 120 }, 'EdDSA', { exp: now + 600 });
    await expect(verifier(jwks).verify(early)).rejects.toThrow(/'nbf'/);
  });

  it('refuses a token without an expiry', async () => {
    const forever = await new SignJWT(registryClaims).setProtectedHeader({ alg: 'EdDSA', kid: ed.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('u').sign(ed.privateKey);
    await expect(verifier(jwks).verify(forever)).rejects.toThrow(/'exp'/);
  });

  it('refuses a lower-case company code rather than upper-casing it', async () => {
    await expect(verifier(jwks).verify(await sign(ed, { ...registryClaims, registry_company: 'events-jp' }))).rejects.toThrow(/not a group company code/);
  });

  it('refuses a token with no registry role, or with two', async () => {
    await expect(verifier(jwks).verify(await sign(ed, { ...registryClaims, registry_role: 'root' }))).rejects.toThrow(/no registry role/);
    await expect(verifier(jwks).verify(await sign(ed, { ...registryClaims, registry_role: ['admin', 'sales'] }))).rejects.toThrow(/more than one registry role/);
  });

  it('reads the role and company from claims named by the settings (a Keycloak-like token)', async () => {
    const keycloak = { realm_access: { roles: ['offline_access', 'uma_authorization', 'sales'] }, group_company: 'STAFFING-JP', azp: 'registry-desk' };
    const mapped = verifier(jwks, { roleClaim: 'realm_access.roles', companyClaim: 'group_company' });
    await expect(mapped.verify(await sign(ed, keycloak))).resolves.toEqual({ subject: 'user-1', role: 'sales', companyCode: 'STAFFING-JP' });
    await expect(verifier(jwks).verify(await sign(ed, keycloak))).rejects.toThrow(/no registry role/);
  });

  it('reads an Entra ID-like roles array and a claim whose name holds dots', async () => {
    const entra = { roles: ['admin'], 'https://group.example/company': 'GROUP-HD' };
    const mapped = verifier(jwks, { roleClaim: 'roles', companyClaim: 'https://group.example/company' });
    await expect(mapped.verify(await sign(ed, entra))).resolves.toEqual({ subject: 'user-1', role: 'admin', companyCode: 'GROUP-HD' });
  });

  it('takes the keys from a JWKS URL', async () => {
    const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [es.publicJwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const remote = verifier('', { jwksFile: undefined, jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks` });
      await expect(remote.verify(await sign(es))).resolves.toMatchObject({ subject: 'user-1' });
      await expect(remote.verify(await sign(ed))).rejects.toThrow(/does not trust/);
    } finally {
      server.close();
    }
  });

  it('picks up a rotated key from the JWKS file without a restart, and drops the removed one', async () => {
    const [oldKey, newKey] = await Promise.all([issuerKey('ES256', 'old'), issuerKey('ES256', 'new')]);
    const rotating = jwksFile([oldKey]);
    const service = verifier(rotating);
    const oldToken = await sign(oldKey);
    const newToken = await sign(newKey);
    await expect(service.verify(oldToken)).resolves.toMatchObject({ subject: 'user-1' });
    await expect(service.verify(newToken)).rejects.toThrow(/does not trust/);

    rewrite(rotating, [oldKey, newKey]);
    await expect(service.verify(newToken)).resolves.toMatchObject({ subject: 'user-1' });
    await expect(service.verify(oldToken)).resolves.toMatchObject({ subject: 'user-1' });

    rewrite(rotating, [newKey]);
    await expect(service.verify(newToken)).resolves.toMatchObject({ subject: 'user-1' });
    await expect(service.verify(oldToken)).rejects.toThrow(/does not trust/);
  });
});
