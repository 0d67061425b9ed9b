import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { readFileSync, statSync, type Stats } from 'node:fs';

/** Where a verifier finds its public keys: a JWKS URL or a JWKS file (exactly one). */
export interface KeySource {
  jwksUrl?: string;
  jwksFile?: string;
}

/** The asymmetric algorithms the registry accepts; never HS* (a shared secret) and never `none`. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** Reads and checks a JWKS file; throws naming what is wrong. */
export function readJwksFile(path: string): JSONWebKeySet {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<JSONWebKeySet>;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${path} holds no "keys" array with at least one key`);
  for (const key of parsed.keys) {
    if (key.kty === 'oct') throw new Error(`${path} holds a symmetric key; only public keys are accepted`);
    if ('d' in key) throw new Error(`${path} holds a private key; publish only public keys`);
  }
  return parsed as JSONWebKeySet;
}

const sameFile = (a: Stats, b: Stats) => a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino;

/**
 * A key set read from a file and read again whenever the file changes, so a rotated key is picked up
 * without a restart. A file that cannot be read after a change keeps the last good set in use.
 */
export function fileKeySet(path: string): JWTVerifyGetKey {
  let stats = statSync(path);
  let keys = createLocalJWKSet(readJwksFile(path));
  return (header, token) => {
    try {
      const current = statSync(path);
      if (!sameFile(current, stats)) {
        keys = createLocalJWKSet(readJwksFile(path));
        stats = current;
      }
    } catch {
      // Mid-rewrite or briefly missing: go on with the keys read last.
    }
    return keys(header, token);
  };
}

export function keySetFrom(source: KeySource): JWTVerifyGetKey {
  if (source.jwksUrl && source.jwksFile) throw new Error('Give the keys as a JWKS URL or a JWKS file, not both');
  if (source.jwksUrl) return createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  if (source.jwksFile) return fileKeySet(source.jwksFile);
  throw new Error('Give the keys as a JWKS URL or a JWKS file');
}
