import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { TypeOrmJsonLogger } from './typeorm-json-logger';

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Runs pending migrations when the service starts. */
  migrateOnStart: boolean;
  /** A query that takes longer is logged (its shape, never its parameters); 1000 ms by default. */
  slowQueryMs?: number;
}

/** TypeORM options for one service's own database: migrations only, never synchronize; logs as JSON without values. */
export function postgresOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    // Read by initializeDataSource, which runs them under the database's migration lock.
    migrationsRun: options.migrateOnStart,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: new TypeOrmJsonLogger(),
    maxQueryExecutionTime: options.slowQueryMs ?? 1000,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}
