// The token-signing secret for a developer's machine: JWT_SECRET if set, else one generated once into
// .data/dev-jwt-secret (git-ignored), shared by `npm start` and `npm run token`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '.data', 'dev-jwt-secret');

export function devJwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
