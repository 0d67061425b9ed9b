import { createHash, verify, type KeyObject } from 'node:crypto';

/**
 * The hashing and sealing rules of the audit chains, with no dependency beyond node:crypto: the service and
 * the command-line verifier (apps/audit/src/cli) both use exactly this, so an export checks out only if the
 * service would have computed the same hashes.
 */

/** The hash the first record of a chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

export type CanonicalValue = string | number | boolean | string[] | null;

/** An object as canonical JSON: keys sorted, no spaces. The values are already in canonical form. */
export function canonicalObjectJson(object: Record<string, CanonicalValue | undefined>): string {
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(object[key] ?? null)}`).join(',')}}`;
}

/** SHA-256 over the predecessor's hash, a newline and the record's canonical JSON, in hex. */
export function linkHash(previousHash: string, canonicalJson: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson).digest('hex');
}

/** A checkpoint or purge as signed: every field that matters, as canonical JSON. */
export function sealPayload(fields: Record<string, string | number>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(fields).sort().map((key) => [key, fields[key]])));
}

/** What a checkpoint's signature covers; `sealedAt` as an ISO 8601 string. */
export function checkpointPayload(checkpoint: { chain: string; seq: string; hash: string; records: string; sealedAt: string }): string {
  return sealPayload({ kind: 'checkpoint', chain: checkpoint.chain, seq: checkpoint.seq, hash: checkpoint.hash, records: checkpoint.records, sealedAt: checkpoint.sealedAt });
}

/** True when `signature` (base64) is the Ed25519 signature of `payload` by `publicKey`; false for anything malformed. */
export function signatureValid(publicKey: KeyObject, payload: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(payload), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
