import { postgresOptions } from '@registry/persistence';
import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { CONTACTS_MIGRATIONS } from '../src/database/data-source';
import { RequestProcedure1733421000000 } from '../src/database/migrations/1733421000000-request-procedure';

describe('the migration that gives requests the day received and a result', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('contacts_request_migration');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('takes the Japanese date a request was entered as the day received, and closes the closed ones as ANSWERED', async () => {
    const before = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS.slice(0, CONTACTS_MIGRATIONS.indexOf(RequestProcedure1733421000000)), migrateOnStart: false }));
    await before.initialize();
    await before.runMigrations();
    const [open, closed] = ['33333333-3333-4333-8333-000000000001', '33333333-3333-4333-8333-000000000002'];
    // 16:30 UTC is already the next day in Japan.
    await before.query(`INSERT INTO subject_requests (id, type, status, person, opened_at, opened_by) VALUES ($1, 'DISCLOSURE', 'OPEN', '{}', '2026-11-20T16:30:00Z', 'officer')`, [open]);
    await before.query(
      `INSERT INTO subject_requests (id, type, status, person, opened_at, opened_by, closed_at, outcome) VALUES ($1, 'CORRECTION', 'CLOSED', '{}', '2026-11-02T01:00:00Z', 'officer', '2026-11-05T01:00:00Z', 'done')`,
      [closed],
    );
    await before.destroy();

    const after = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS, migrateOnStart: false }));
    await after.initialize();
    try {
      await after.runMigrations();
      const rows = await after.query(`SELECT id, to_char(received_on, 'YYYY-MM-DD') AS received_on, result, delivery_method FROM subject_requests ORDER BY id`);
      expect(rows).toEqual([
        { id: open, received_on: '2026-11-21', result: null, delivery_method: null },
        { id: closed, received_on: '2026-11-02', result: 'ANSWERED', delivery_method: null },
      ]);
      await expect(after.query(`UPDATE subject_requests SET status = 'CLOSED' WHERE id = $1`, [open])).rejects.toThrow(/subject_requests_closed_with_result/);
      for (let i = CONTACTS_MIGRATIONS.length; i > CONTACTS_MIGRATIONS.indexOf(RequestProcedure1733421000000); i -= 1) await after.undoLastMigration();
      expect((await after.query(`SELECT count(*)::int AS n FROM subject_requests`))[0].n).toBe(2);
    } finally {
      await after.destroy();
    }
  });
});
