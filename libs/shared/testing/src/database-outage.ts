import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { eventually } from './eventually';
import type { TestDatabase } from './test-environment';

/**
 * Sends a request that reads `table` while the table is locked, terminates the database session that waits for the
 * lock (as an administrator or a failover would), and returns the answer the service gave.
 */
export async function injectWithTerminatedConnection(app: NestFastifyApplication, database: TestDatabase, table: string, request: InjectOptions): Promise<LightMyRequestResponse> {
  const locker = new Client({ connectionString: database.url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    let answered = false;
    const answer = app.inject(request).finally(() => {
      answered = true;
    });
    // Until the request is answered: the service's background work (a sync, a reconcile) may be waiting for the
    // table too, and ending only its session would leave the request waiting behind the lock.
    await eventually(async () => {
      await locker.query(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (!answered) throw new Error(`the request still waits for ${table}`);
    });
    return await answer;
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end();
  }
}
