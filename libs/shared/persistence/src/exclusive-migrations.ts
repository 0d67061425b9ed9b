import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';

/** The advisory lock under which a database's migrations run; advisory locks are scoped to one database. */
const MIGRATION_LOCK = 'schema-migrations';

/**
 * Runs pending migrations while holding the database's migration lock on a connection of its own, so that
 * replicas starting together run each migration once: the others wait for the lock, then find nothing to do.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}

/**
 * Opens a data source. When its options ask for migrations at start (`migrationsRun`), they run after it
 * connects, under the migration lock, instead of inside TypeORM's own unlocked start-up run.
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  await dataSource.initialize();
  if (!options.migrationsRun) return dataSource;
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}
