// Keys and secrets for a developer's machine: taken from the environment if set, else generated once into .data/
// (git-ignored, or REGISTRY_DEV_DATA_DIR) and shared by `npm start` and `npm run token`. Development only.
import { SignJWT } from 'jose';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = process.env.REGISTRY_DEV_DATA_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', '.data');

function generatedOnce(name, generate) {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const newEd25519Key = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

/** The public half of an Ed25519 private key (PKCS#8 DER in base64) as a JWKS; the key id is its RFC 7638 thumbprint. */
function publicJwksOf(privateKeyBase64) {
  const { crv, kty, x } = createPublicKey(createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
  return { keys: [{ crv, kty, x, kid, alg: 'EdDSA', use: 'sig' }] };
}

/** Writes a key's public JWKS next to it, so the services can read it as a file. */
function jwksFileFor(name, privateKeyBase64) {
  const file = join(dataDir, name);
  const jwks = `${JSON.stringify(publicJwksOf(privateKeyBase64), null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== jwks) writeFileSync(file, jwks);
  return file;
}

/** Each service's audience (their AUTH_AUDIENCE defaults). */
export const DEV_AUDIENCES = { contacts: 'registry-contacts', sharing: 'registry-sharing', audit: 'registry-audit' };

/**
 * A local identity provider for development: an Ed25519 key in .data/ signs the tokens of `npm run token`;
 * its public half is in a JWKS file that the services read (AUTH_JWKS_FILE).
 */
export function devIdentityProvider() {
  const privateKey = generatedOnce('dev-identity-provider-key', newEd25519Key);
  return {
    issuer: 'urn:registry:dev-identity-provider',
    audiences: DEV_AUDIENCES,
    privateKey,
    jwksFile: jwksFileFor('dev-identity-provider.jwks.json', privateKey),
  };
}

/** A token of the development identity provider, naming every service's audience so one token works at all three. */
export async function mintDevToken(role, company, subject = `${role}-${company.toLowerCase()}`, ttlSeconds = 3600) {
  const issuer = devIdentityProvider();
  const key = createPrivateKey({ key: Buffer.from(issuer.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const { keys } = JSON.parse(readFileSync(issuer.jwksFile, 'utf8'));
  return new SignJWT({ registry_role: role, registry_company: company })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys[0].kid, typ: 'JWT' })
    .setIssuer(issuer.issuer)
    .setAudience(Object.values(issuer.audiences))
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** Contacts' own signing key (AUTH_SERVICE_SIGNING_KEY) and its public JWKS file, which sharing and audit trust. */
export function devContactsServiceKey() {
  const privateKey = process.env.AUTH_SERVICE_SIGNING_KEY || generatedOnce('dev-contacts-service-key', newEd25519Key);
  return { privateKey, jwksFile: jwksFileFor('dev-contacts-service.jwks.json', privateKey) };
}

/** Signs audit's checkpoints (AUDIT_SIGNING_KEY): an Ed25519 private key, PKCS#8 DER in base64. */
export function devAuditSigningKey() {
  return process.env.AUDIT_SIGNING_KEY || generatedOnce('dev-audit-signing-key', newEd25519Key);
}

/** Keys contacts' suppression list (SUPPRESSION_HMAC_SECRET). */
export function devSuppressionSecret() {
  return process.env.SUPPRESSION_HMAC_SECRET || generatedOnce('dev-suppression-secret', () => randomBytes(32).toString('base64url'));
}
