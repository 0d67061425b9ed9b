import { createTestDatabase, eventually, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { claimEvent, createProcessedEventsTable, indexProcessedEventsByTime, ProcessedEventsPruner, pruneProcessedEvents } from '../src';

describe('claimEvent', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createProcessedEventsTable(runner);
    await indexProcessedEventsByTime(runner);
    await runner.release();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('claims an event id once, and refuses it the second time', async () => {
    const eventId = randomUUID();
    expect(await dataSource.transaction((manager) => claimEvent(manager, eventId, 'topic'))).toBe(true);
    expect(await dataSource.transaction((manager) => claimEvent(manager, eventId, 'topic'))).toBe(false);
  });

  it('forgets the claim when the transaction that applied the event rolls back', async () => {
    const eventId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await claimEvent(manager, eventId, 'topic');
        throw new Error('the database write failed');
      }),
    ).rejects.toThrow('the database write failed');
    expect(await dataSource.transaction((manager) => claimEvent(manager, eventId, 'topic'))).toBe(true);
  });
});

describe('pruneProcessedEvents', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let replica: DataSource;

  /** Claims `count` event ids as if `daysAgo` days ago. */
  const claimedDaysAgo = async (count: number, daysAgo: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await dataSource.query(`INSERT INTO processed_events (event_id, topic, processed_at) SELECT id, 'topic', now() - make_interval(days => $2) FROM unnest($1::uuid[]) AS id`, [ids, daysAgo]);
    return ids;
  };
  const remaining = async (): Promise<Set<string>> => new Set(((await dataSource.query(`SELECT event_id FROM processed_events`)) as { event_id: string }[]).map((r) => r.event_id));

  beforeAll(async () => {
    database = await createTestDatabase('persistence_prune');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    replica = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createProcessedEventsTable(runner);
    await indexProcessedEventsByTime(runner);
    await runner.release();
  });

  afterAll(async () => {
    await replica?.destroy();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('deletes ids older than the window in bounded batches and keeps the younger ones', async () => {
    const old = await claimedDaysAgo(23, 31);
    const young = [...(await claimedDaysAgo(4, 29)), ...(await claimedDaysAgo(3, 0))];
    // Watches the statements the pruning sends (the real ones run).
    const spy = jest.spyOn(dataSource, 'query');
    try {
      expect(await pruneProcessedEvents(dataSource, 30, 5)).toBe(23);
      expect(spy).toHaveBeenCalledTimes(5); // 5 + 5 + 5 + 5 + 3
    } finally {
      spy.mockRestore();
    }
    const left = await remaining();
    expect(old.filter((id) => left.has(id))).toEqual([]);
    expect(young.every((id) => left.has(id))).toBe(true);
    // A redelivered young event is still recognised; nothing is left to prune.
    expect(await dataSource.transaction((manager) => claimEvent(manager, young[0] as string, 'topic'))).toBe(false);
    expect(await pruneProcessedEvents(dataSource, 30, 5)).toBe(0);
  });

  it('prunes from several replicas at once without deleting a row twice or waiting on each other', async () => {
    await claimedDaysAgo(400, 40);
    const young = await claimedDaysAgo(10, 1);
    const [a, b] = await Promise.all([pruneProcessedEvents(dataSource, 30, 50), pruneProcessedEvents(replica, 30, 50)]);
    // A replica stops at a short batch; whatever the interleaving, the next run of either leaves nothing old.
    const after = await pruneProcessedEvents(dataSource, 30, 50);
    expect(a + b + after).toBe(400);
    const left = await remaining();
    expect(left.size).toBe(10 + 7);
    expect(young.every((id) => left.has(id))).toBe(true);
  });

  it('prunes on its own schedule once the service has started, and stops with it', async () => {
    const old = await claimedDaysAgo(12, 45);
    const pruner = new ProcessedEventsPruner(dataSource, { retentionDays: 30, intervalMs: 200, batchSize: 5 });
    pruner.onApplicationBootstrap();
    try {
      await eventually(async () => {
        const left = await remaining();
        expect(old.filter((id) => left.has(id))).toEqual([]);
      });
    } finally {
      await pruner.onApplicationShutdown();
    }
    expect((await remaining()).size).toBe(17);
  });
});
