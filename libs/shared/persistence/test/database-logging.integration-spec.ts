import { Logger, type LoggerService } from '@nestjs/common';
import { createTestDatabase, eventually, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresOptions } from '../src';

/** Every line the services' logger received, as the JSON it would be written as. */
class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  private record(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(JSON.stringify({ level, message, rest }));
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.record('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.record('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.record('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.record('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.record('verbose', message, rest);
  }
}

describe('database logging through postgresOptions', () => {
  const marker = { email: `log.${uniqueSuffix().toLowerCase()}@marker.example.co.jp`, name: `記録 花子${uniqueSuffix()}` };
  const recorder = new RecordingLogger();
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    Logger.overrideLogger(recorder);
    database = await createTestDatabase('db_logging');
    dataSource = await new DataSource({ ...postgresOptions({ url: database.url, entities: [], migrations: [], migrateOnStart: false, slowQueryMs: 300 }) }).initialize();
    await dataSource.query(`CREATE TABLE people (id uuid PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL)`);
    await dataSource.query(`INSERT INTO people (id, email, name) VALUES (gen_random_uuid(), $1, $2)`, [marker.email, marker.name]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
    Logger.overrideLogger(true);
  });

  const failure = async (work: () => Promise<unknown>) => {
    recorder.lines.length = 0;
    await expect(work()).rejects.toThrow();
    return recorder.lines.slice();
  };
  const expectNoMarker = (lines: string[]) => {
    for (const line of lines) for (const value of Object.values(marker)) expect(line).not.toContain(value);
  };

  it('logs a unique violation by its code and constraint, never the key PostgreSQL names in its detail', async () => {
    const lines = await failure(() => dataSource.query(`INSERT INTO people (id, email, name) VALUES (gen_random_uuid(), $1, $2)`, [marker.email, marker.name]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '').message).toMatchObject({ msg: 'query failed', error: { code: '23505', constraint: 'people_email_key', table: 'people' } });
    expectNoMarker(lines);
  });

  it('logs input PostgreSQL refuses to convert, and a not-null violation, without echoing it', async () => {
    const uuid = await failure(() => dataSource.query(`SELECT * FROM people WHERE id = $1`, [marker.email]));
    expect(JSON.parse(uuid[0] ?? '').message.error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type uuid: "…"' });
    const notNull = await failure(() => dataSource.query(`INSERT INTO people (id, email, name) VALUES (gen_random_uuid(), $1, NULL)`, [`other-${marker.email}`]));
    expect(JSON.parse(notNull[0] ?? '').message.error).toMatchObject({ code: '23502', column: 'name' });
    expectNoMarker([...uuid, ...notNull]);
  });

  it('logs a query whose connection is terminated while it runs, without its parameters', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const lines = await failure(async () => {
        const running = dataSource.query(`SELECT pg_sleep(30), $1::text, $2::text`, [marker.email, marker.name]);
        // It may fail before the termination query answers: handled now so that it is never an unhandled rejection, awaited below.
        running.catch(() => undefined);
        await eventually(async () => {
          const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_sleep(30)%'`);
          expect(rowCount).toBe(1);
        });
        await running;
      });
      expect(lines.map((line) => JSON.parse(line).message.msg)).toContain('query failed');
      expectNoMarker(lines);
    } finally {
      await admin.end();
    }
    // The pool replaces the connection it lost. The terminated client can go back to the pool before its socket's end
    // is seen (a race the pg pool has under load), and then fails one more query; the pool must then have replaced it.
    await eventually(async () => expect(await dataSource.query(`SELECT count(*)::int AS n FROM people`)).toEqual([{ n: 1 }]), { timeoutMs: 10_000 });
  });

  it('logs a slow query by its shape only', async () => {
    recorder.lines.length = 0;
    await dataSource.query(`SELECT pg_sleep(0.4), $1::text AS email, '${marker.name.replace(/'/g, "''")}' AS name`, [marker.email]);
    const slow = recorder.lines.map((line) => JSON.parse(line)).filter((line) => line.message.msg === 'slow query');
    expect(slow).toEqual([expect.objectContaining({ level: 'warn', message: expect.objectContaining({ query: `SELECT pg_sleep(0.4), $1::text AS email, '…' AS name` }) })]);
    expectNoMarker(recorder.lines);
  });
});
