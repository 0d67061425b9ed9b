import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { claimEvent, createProcessedEventsTable } from '../src';

describe('claimEvent', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createProcessedEventsTable(runner);
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
