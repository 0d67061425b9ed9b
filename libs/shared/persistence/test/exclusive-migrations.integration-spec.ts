import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { initializeDataSource, postgresOptions } from '../src';

class CreateLedger1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE ledger (migration text NOT NULL, applied_by integer NOT NULL DEFAULT pg_backend_pid())`);
    // Long enough for a second replica to arrive while this one is still migrating.
    await queryRunner.query(`SELECT pg_sleep(0.5)`);
    await queryRunner.query(`INSERT INTO ledger (migration) VALUES ('create-ledger')`);
  }
  async down(): Promise<void> {
    return undefined;
  }
}

class AddColumn1700000000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ledger ADD COLUMN note text`);
    await queryRunner.query(`INSERT INTO ledger (migration) VALUES ('add-column')`);
  }
  async down(): Promise<void> {
    return undefined;
  }
}

describe('migrations at start on several replicas', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('migrations');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  const options = () =>
    postgresOptions({ url: database.url, entities: [], migrations: [CreateLedger1700000000001, AddColumn1700000000002], migrateOnStart: true });

  it('runs each migration once when replicas start together on a fresh database, and the others find nothing to do', async () => {
    const started = await Promise.allSettled([initializeDataSource(options()), initializeDataSource(options()), initializeDataSource(options())]);
    started.forEach((result) => result.status === 'fulfilled' && opened.push(result.value));
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);

    const [first] = opened as [DataSource];
    expect((await first.query(`SELECT migration FROM ledger ORDER BY migration`)).map((row: { migration: string }) => row.migration)).toEqual([
      'add-column',
      'create-ledger',
    ]);
    expect((await first.query(`SELECT name FROM schema_migrations ORDER BY id`)).map((row: { name: string }) => row.name)).toEqual([
      'CreateLedger1700000000001',
      'AddColumn1700000000002',
    ]);
    for (const dataSource of opened) expect(await dataSource.showMigrations()).toBe(false);
  });

  it('leaves migrations alone when the service is told not to run them', async () => {
    const dataSource = await initializeDataSource({ ...options(), migrationsRun: false });
    opened.push(dataSource);
    expect(await dataSource.showMigrations()).toBe(true);
  });
});
