import type { ValidationProblem } from '@registry/contracts';
import type { IHeaders } from 'kafkajs';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { DeadLetterReason } from './malformed-event';

/**
 * Creates the table of dead letters: each malformed message a service consumed, kept whole (raw key, headers
 * and value) in the service's own database, where an erasure can delete it. Each consuming service's
 * migration calls it; the dead-letter topic only gets a reference to a row.
 */
export async function createDeadLettersTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE dead_letters (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      topic              text NOT NULL,
      message_partition  integer NOT NULL,
      message_offset     bigint NOT NULL,
      message_key        bytea,
      message_headers    jsonb NOT NULL,
      message_value      bytea,
      reason             jsonb NOT NULL,
      dead_lettered_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dead_letters_one_per_message UNIQUE (topic, message_partition, message_offset)
    )`);
  // Erasure finds a person's dead letters by the message key (a contact id, in any letter case).
  await queryRunner.query(`CREATE INDEX dead_letters_by_key ON dead_letters (lower(encode(message_key, 'escape')))`);
}

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  headers: IHeaders | undefined;
  value: Buffer | null;
  /** The full problems, field names of unaccepted properties included; they stay in the row. */
  problems: ValidationProblem[];
  reason: DeadLetterReason;
}

export interface KeptDeadLetter {
  id: string;
  deadLetteredAt: Date;
}

/** What `<topic>.dlq` receives for a dead letter: where the message was and why it was refused, never what it held. */
export interface DeadLetterReference {
  deadLetterId: string;
  topic: string;
  partition: number;
  offset: string;
  /** The message key as sent: on every topic of the registry, an id. */
  key: string | null;
  reason: DeadLetterReason;
  deadLetteredAt: string;
}

/** Keeps dead letters in the consuming service's database. */
export class DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the message once: a message dead-lettered again after a redelivery gets its first row back. */
  async keep(letter: DeadLetter): Promise<KeptDeadLetter> {
    const rows: { id: string; dead_lettered_at: Date }[] = await this.dataSource.query(
      `WITH kept AS (
         INSERT INTO dead_letters (topic, message_partition, message_offset, message_key, message_headers, message_value, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT dead_letters_one_per_message DO NOTHING
         RETURNING id, dead_lettered_at)
       SELECT id, dead_lettered_at FROM kept
       UNION ALL
       SELECT id, dead_lettered_at FROM dead_letters WHERE topic = $1 AND message_partition = $2 AND message_offset = $3
       LIMIT 1`,
      [
        letter.topic,
        letter.partition,
        letter.offset,
        letter.key,
        JSON.stringify(headersAsBase64(letter.headers)),
        letter.value,
        JSON.stringify({ ...letter.reason, problems: letter.problems }),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('dead letter was neither stored nor found');
    return { id: row.id, deadLetteredAt: row.dead_lettered_at };
  }
}

/**
 * Deletes the dead letters keyed by `key`, inside the caller's transaction (an erasure's). Erasure covers the
 * messages keyed by the erased person's id; a message keyed otherwise (no key, or not an id) is kept under
 * its own key and can only be found, and deleted, by that key.
 */
export async function forgetDeadLetters(manager: EntityManager, key: string): Promise<number> {
  const deleted: [unknown[], number] = await manager.query(`DELETE FROM dead_letters WHERE lower(encode(message_key, 'escape')) = lower($1)`, [key]);
  return deleted[1];
}

// Header values may be any bytes; jsonb holds neither raw bytes nor NUL characters.
function headersAsBase64(headers: IHeaders | undefined): Record<string, string[]> {
  const encoded: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    encoded[name.replaceAll(String.fromCharCode(0), '')] = (Array.isArray(value) ? value : [value]).map((part) => Buffer.from(part).toString('base64'));
  }
  return encoded;
}
