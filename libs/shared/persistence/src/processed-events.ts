import type { EntityManager, QueryRunner } from 'typeorm';

/** Creates the table of consumed event ids; each consuming service's first migration calls it. */
export async function createProcessedEventsTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE processed_events (
      event_id      uuid PRIMARY KEY,
      topic         text NOT NULL,
      processed_at  timestamptz NOT NULL DEFAULT now()
    )`);
}

/**
 * Claims an event id inside the transaction that applies the event. Returns false when the event was
 * already applied, so a redelivered event changes nothing.
 */
export async function claimEvent(manager: EntityManager, eventId: string, topic: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_events (event_id, topic) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [eventId, topic],
  );
  return rows.length === 1;
}
