// Secrets for a developer's machine: taken from the environment if set, else generated once into .data/
// (git-ignored) and shared by `npm start` and `npm run token`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.data');

function generatedOnce(name, generate) {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generate(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Signs the bearer tokens (JWT_SECRET). */
export function devJwtSecret() {
  return process.env.JWT_SECRET || generatedOnce('dev-jwt-secret', () => randomBytes(32).toString('base64url'));
}

/** Signs audit's checkpoints (AUDIT_SIGNING_KEY): an Ed25519 private key, PKCS#8 DER in base64. */
export function devAuditSigningKey() {
  return (
    process.env.AUDIT_SIGNING_KEY ||
    generatedOnce('dev-audit-signing-key', () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'))
  );
}

/** Keys contacts' suppression list (SUPPRESSION_HMAC_SECRET). */
export function devSuppressionSecret() {
  return process.env.SUPPRESSION_HMAC_SECRET || generatedOnce('dev-suppression-secret', () => randomBytes(32).toString('base64url'));
}
