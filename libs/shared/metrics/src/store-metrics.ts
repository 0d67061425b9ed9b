import type { DataSource } from 'typeorm';
import type { ConsumerLagReader } from './consumer-lag';
import type { ServiceMetrics } from './service-metrics';

/** Database readings are shared by the gauges of one scrape, and by scrapes within this window. */
export const DATABASE_READING_CACHE_MS = 1000;

/**
 * The outbox backlog, from the database at scrape time (one query over the index of unpublished rows):
 * whichever replica holds the relay, every replica reports the same backlog.
 */
export function registerOutboxMetrics(metrics: ServiceMetrics, dataSource: DataSource): void {
  const backlog = metrics.reading('database', DATABASE_READING_CACHE_MS, async () => {
    const [row] = (await dataSource.query(
      `SELECT count(*)::float8 AS unpublished, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age
         FROM outbox WHERE published_at IS NULL`,
    )) as [{ unpublished: number; oldest_age: number }];
    return row;
  });
  metrics.gaugeFrom({ name: 'registry_outbox_unpublished', help: 'Outbox rows not yet published to Kafka.' }, backlog, (gauge, row) => gauge.set(row.unpublished));
  metrics.gaugeFrom(
    { name: 'registry_outbox_oldest_unpublished_age_seconds', help: 'Age of the oldest outbox row not yet published; 0 when none waits.' },
    backlog,
    (gauge, row) => gauge.set(Math.max(0, row.oldest_age)),
  );
}

/** Dead letters kept in the service's database, by topic (the table's unique index leads with the topic). */
export function registerDeadLetterMetrics(metrics: ServiceMetrics, dataSource: DataSource): void {
  const kept = metrics.reading('database', DATABASE_READING_CACHE_MS, async () => {
    return (await dataSource.query(`SELECT topic, count(*)::float8 AS n FROM dead_letters GROUP BY topic`)) as { topic: string; n: number }[];
  });
  metrics.gaugeFrom({ name: 'registry_dead_letters', help: 'Dead letters kept in the service database, by topic.', labelNames: ['topic'] }, kept, (gauge, rows) => {
    for (const row of rows) gauge.set({ topic: row.topic }, row.n);
  });
}

/** The lag of the service's consumer group on each partition it consumes, as the broker sees the group. */
export function registerConsumerLagMetrics(metrics: ServiceMetrics, reader: ConsumerLagReader, cacheMs: number): void {
  const lags = metrics.reading('kafka', cacheMs, () => reader.lags());
  metrics.gaugeFrom(
    { name: 'registry_consumer_lag', help: "Messages after the consumer group's committed offset, by topic and partition.", labelNames: ['group', 'topic', 'partition'] },
    lags,
    (gauge, rows) => {
      for (const row of rows) gauge.set({ group: reader.groupId, topic: row.topic, partition: String(row.partition) }, row.lag);
    },
  );
}
