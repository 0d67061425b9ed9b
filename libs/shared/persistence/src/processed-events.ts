import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

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

/** Lets processed_events be pruned by age without reading the whole table; each consuming service's migration calls it. */
export async function indexProcessedEventsByTime(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`CREATE INDEX IF NOT EXISTS processed_events_by_time ON processed_events (processed_at)`);
}

/**
 * Deletes the event ids claimed more than `retentionDays` ago, at most `batchSize` rows per statement (each its
 * own short transaction), until none is left; returns how many went. Replicas may run it at once: each batch
 * skips the rows another one is deleting.
 *
 * Why forgetting an id is safe after the window: an event comes again only when its offset was not committed
 * (a crash or rebalance between applying and committing: seconds to minutes later) or when a consumer group
 * starts over from the beginning of a topic (its committed offsets expired after offsets.retention.minutes,
 * 7 days by default, or were reset by hand). The first is far inside any window of days. The second can
 * replay events of any age, which no window covers: the consumers therefore also apply an entity's version
 * only over an older one, so an event replayed after its id was pruned changes nothing.
 */
export async function pruneProcessedEvents(manager: EntityManager | DataSource, retentionDays: number, batchSize: number): Promise<number> {
  let pruned = 0;
  for (;;) {
    const [{ deleted }] = (await manager.query(
      `WITH batch AS (
         SELECT event_id FROM processed_events WHERE processed_at < now() - make_interval(days => $1) ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), gone AS (DELETE FROM processed_events p USING batch WHERE p.event_id = batch.event_id RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [retentionDays, batchSize],
    )) as [{ deleted: number }];
    pruned += deleted;
    if (deleted < batchSize) return pruned;
  }
}
