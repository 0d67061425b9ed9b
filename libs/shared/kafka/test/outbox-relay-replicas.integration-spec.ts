import type { EventEnvelope, TopicSpec } from '@registry/contracts';
import { createTestDatabase, eventually, readWholeTopic, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addOutboxNotifyTrigger, addOutboxTraceContext, appendToOutbox, createKafka, createOutboxTable, OutboxRelay } from '../src';

type VersionedEvent = EventEnvelope & { aggregate: string; version: number };

const KEYS = 12;
const LOAD_MS = 8000;

describe('OutboxRelay on several replicas of one database', () => {
  const connection = testKafka('outbox-replicas-test');
  const kafka = createKafka(connection);
  let database: TestDatabase;
  let writer: DataSource;
  let replicas: { dataSource: DataSource; relay: OutboxRelay }[] = [];
  let spec: TopicSpec;

  beforeEach(async () => {
    database = await createTestDatabase('outbox_replicas');
    writer = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = writer.createQueryRunner();
    await createOutboxTable(runner);
    await addOutboxTraceContext(runner);
    await addOutboxNotifyTrigger(runner);
    await runner.release();
    spec = { topic: `test.outbox.replicas.${uniqueSuffix()}`, partitions: 4, compacted: true };
    for (let i = 0; i < 2; i += 1) {
      // Each replica has a pool of its own, as a separate process would.
      const dataSource = await new DataSource({ type: 'postgres', url: database.url, extra: { max: 4 } }).initialize();
      const relay = new OutboxRelay(dataSource, createKafka({ ...connection, clientId: `replica-${i}` }), {
        name: 'replicas',
        topics: [spec],
        pollIntervalMs: 5,
        batchSize: 7,
        retentionHours: 1,
      });
      replicas.push({ dataSource, relay });
    }
  });

  afterEach(async () => {
    for (const { relay, dataSource } of replicas) {
      await relay.stop();
      await dataSource.destroy();
    }
    replicas = [];
    await writer.destroy();
    await database.drop();
  });

  /** Terminates the lease connection of the relay that holds it now; returns that relay's instance id. */
  async function terminateLease(): Promise<string | undefined> {
    const [row] = (await writer.query(
      `SELECT application_name AS name, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'outbox-relay lease %'`,
    )) as { name: string }[];
    return row?.name.split(' ')[2];
  }

  /** Terminates the claim connection of the relay that holds the lease, if it has a batch on its way now: one connection of a live relay. */
  async function terminateClaimOfLeaseHolder(): Promise<number> {
    const rows: unknown[] = await writer.query(
      `SELECT pg_terminate_backend(claim.pid)
         FROM pg_stat_activity lease
         JOIN pg_stat_activity claim ON claim.application_name = replace(lease.application_name, 'lease', 'claim')
        WHERE lease.datname = current_database() AND lease.application_name LIKE 'outbox-relay lease %'`,
    );
    return rows.length;
  }

  it('publishes every event exactly once and each key in version order while the active relay loses its connections', async () => {
    replicas.forEach(({ relay }) => relay.start());
    const versions = new Map<string, number>();
    const leaders = new Set<number>();
    let killedLeases = 0;
    let killedClaims = 0;
    let written = 0;
    const until = Date.now() + LOAD_MS;

    const load = (async () => {
      while (Date.now() < until) {
        const aggregate = `aggregate-${written % KEYS}`;
        const version = (versions.get(aggregate) ?? 0) + 1;
        versions.set(aggregate, version);
        const event: VersionedEvent = { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, aggregate, version };
        await writer.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: aggregate, event }));
        written += 1;
      }
    })();
    const watch = (async () => {
      while (Date.now() < until) {
        replicas.forEach(({ relay }, i) => relay.isPublishing() && leaders.add(i));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const chaos = (async () => {
      let round = 0;
      while (Date.now() < until - 1000) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        round += 1;
        if (round % 3 === 0) {
          // The claim is open only while a batch is on its way: catch one.
          for (let tries = 0; tries < 200; tries += 1) {
            const killed = await terminateClaimOfLeaseHolder();
            if (killed > 0) {
              killedClaims += killed;
              break;
            }
          }
        } else {
          if (await terminateLease()) killedLeases += 1;
        }
      }
    })();
    await Promise.all([load, watch, chaos]);

    await eventually(async () => expect(await replicas[0]?.relay.pendingCount()).toBe(0), { timeoutMs: 30_000 });
    expect(killedLeases).toBeGreaterThanOrEqual(5);
    expect(killedClaims).toBeGreaterThanOrEqual(2);
    expect(leaders).toEqual(new Set([0, 1]));

    const messages = await readWholeTopic(kafka, spec.topic);
    const events = messages.map((message) => JSON.parse(message.value ?? 'null') as VersionedEvent);
    const ids = events.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events).toHaveLength(written);
    for (const [aggregate, last] of versions) {
      const seen = events.filter((event) => event.aggregate === aggregate).map((event) => event.version);
      expect(seen).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
  }, 120_000);

  it('keeps a standby idle while the lease is held, and lets it take over when the active relay stops', async () => {
    const [first, second] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    first.relay.start();
    await eventually(async () => expect(first.relay.isPublishing()).toBe(true));
    second.relay.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(second.relay.isPublishing()).toBe(false);

    await first.relay.stop();
    await eventually(async () => expect(second.relay.isPublishing()).toBe(true), { timeoutMs: 5000 });
    await writer.transaction((manager) =>
      appendToOutbox(manager, { topic: spec.topic, key: 'k', event: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 } }),
    );
    await eventually(async () => expect(await second.relay.pendingCount()).toBe(0));
  });
});
