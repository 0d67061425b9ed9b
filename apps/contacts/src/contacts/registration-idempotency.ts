import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContactsErrorCode, ContactsException } from './contacts.exception';

export interface RememberedAnswer {
  statusCode: number;
  body: unknown;
}

/** JSON with object keys in a fixed order, so that the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Answers to registrations sent with an Idempotency-Key, kept per company for a bounded time in the database,
 * so that every instance of contacts gives a retry the first answer.
 */
export class RegistrationIdempotency {
  constructor(private readonly retentionHours: number) {}

  /**
   * Inside the registration's transaction: waits for any registration with the same company and key to finish,
   * then returns its answer, if it had the same body, or refuses a different body with 409.
   */
  async recall(manager: EntityManager, companyCode: string, key: string, hash: string): Promise<RememberedAnswer | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`registration-idempotency:${companyCode}:${key}`]);
    await manager.query(
      `DELETE FROM registration_idempotency_keys WHERE company_code = $1 AND idempotency_key = $2 AND created_at < now() - make_interval(hours => $3)`,
      [companyCode, key, this.retentionHours],
    );
    const [row] = (await manager.query(
      `SELECT request_hash, status_code, response FROM registration_idempotency_keys WHERE company_code = $1 AND idempotency_key = $2`,
      [companyCode, key],
    )) as { request_hash: string; status_code: number; response: unknown }[];
    if (!row) return null;
    if (row.request_hash !== hash) {
      throw new ContactsException(
        ContactsErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was already used by your company for a different registration; use a new key for a new registration.',
        [{ field: 'Idempotency-Key', rule: 'sameBody', message: 'the key was first used with a different body' }],
      );
    }
    return { statusCode: row.status_code, body: row.response };
  }

  /** Keeps the answer; the primary key refuses a second answer for the same company and key. */
  async remember(manager: EntityManager, companyCode: string, key: string, hash: string, answer: RememberedAnswer): Promise<void> {
    await manager.query(
      `INSERT INTO registration_idempotency_keys (company_code, idempotency_key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5)`,
      [companyCode, key, hash, answer.statusCode, JSON.stringify(answer.body)],
    );
  }

  /** Forgets answers older than the retention. */
  async prune(manager: EntityManager): Promise<number> {
    const [, count] = (await manager.query(`DELETE FROM registration_idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [this.retentionHours])) as [
      unknown,
      number,
    ];
    return count;
  }
}
