import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@registry/contracts';
import { currentTraceCarrier } from '@registry/tracing';
import type { EntityManager, QueryRunner } from 'typeorm';

/** Creates the outbox table; each service's first migration calls it. */
export async function createOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      id              bigserial PRIMARY KEY,
      event_id        uuid NOT NULL UNIQUE,
      topic           text NOT NULL,
      message_key     text NOT NULL,
      payload         jsonb NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      published_at    timestamptz,
      attempts        integer NOT NULL DEFAULT 0,
      last_error      text
    )`);
  await queryRunner.query(`CREATE INDEX outbox_unpublished_by_id ON outbox (id) WHERE published_at IS NULL`);
  await queryRunner.query(`CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL`);
}

/** Lets a service's outbox carry tombstones (null values) for compacted topics; a migration calls it. */
export async function allowOutboxTombstones(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL`);
}

/** Lets a row keep the trace context it was written in, which the relay sends on as message headers; a migration calls it. */
export async function addOutboxTraceContext(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_context jsonb`);
}

/** The channel on which a committed outbox insert wakes the relay (NOTIFY is delivered on commit, and only then). */
export const OUTBOX_CHANNEL = 'outbox_rows';

/**
 * Makes every statement that inserts outbox rows notify the relay when its transaction commits, without a round
 * trip of its own: one notification per statement, and PostgreSQL folds a transaction's identical ones into one.
 * A migration calls it.
 */
export async function addOutboxNotifyTrigger(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
      RETURN NULL;
    END $$`);
  await queryRunner.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
}

/** Undoes addOutboxNotifyTrigger. */
export async function dropOutboxNotifyTrigger(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TRIGGER IF EXISTS outbox_notify ON outbox`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
}

export interface OutboxMessage {
  topic: string;
  /** The entity id the event is about, so that its events stay in order on one partition. */
  key: string;
  /** The event, or null for a tombstone: on a compacted topic, the key's value is removed. */
  event: EventEnvelope | null;
}

/**
 * Records a message to publish, inside the caller's transaction: it is sent if and only if that transaction commits.
 * The trace context active now (the request's or the consumed event's) goes with it.
 */
export async function appendToOutbox(manager: EntityManager, message: OutboxMessage): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside the transaction that makes the change it announces');
  }
  await insertOutboxRow(manager, message);
}

/**
 * Records a message that announces no change of its own (a record that an access took place), in a statement of its
 * own: committed when this returns, without a transaction's BEGIN and COMMIT round trips. Inside a transaction, use
 * appendToOutbox.
 */
export async function recordInOutbox(manager: EntityManager, message: OutboxMessage): Promise<void> {
  if (manager.queryRunner?.isTransactionActive) {
    throw new Error('recordInOutbox commits at once; inside a transaction use appendToOutbox');
  }
  await insertOutboxRow(manager, message);
}

async function insertOutboxRow(manager: EntityManager, message: OutboxMessage): Promise<void> {
  const traceContext = currentTraceCarrier();
  await manager.query(`INSERT INTO outbox (event_id, topic, message_key, payload, trace_context) VALUES ($1, $2, $3, $4, $5)`, [
    message.event?.eventId ?? randomUUID(),
    message.topic,
    message.key,
    message.event === null ? null : JSON.stringify(message.event),
    traceContext === null ? null : JSON.stringify(traceContext),
  ]);
}

/**
 * Records several messages to publish with one multi-row INSERT, inside the caller's transaction. The rows take
 * their ids in the order given, so the relay publishes them in that order, as if appended one by one.
 */
export async function appendAllToOutbox(manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendAllToOutbox must run inside the transaction that makes the change it announces');
  }
  if (messages.length === 0) return;
  const traceContext = currentTraceCarrier();
  const trace = traceContext === null ? null : JSON.stringify(traceContext);
  const parameters: unknown[] = [];
  const rows = messages.map((message) => {
    parameters.push(message.event?.eventId ?? randomUUID(), message.topic, message.key, message.event === null ? null : JSON.stringify(message.event), trace);
    const at = parameters.length - 4;
    return `($${at}, $${at + 1}, $${at + 2}, $${at + 3}::jsonb, $${at + 4}::jsonb)`;
  });
  await manager.query(`INSERT INTO outbox (event_id, topic, message_key, payload, trace_context) VALUES ${rows.join(', ')}`, parameters);
}
