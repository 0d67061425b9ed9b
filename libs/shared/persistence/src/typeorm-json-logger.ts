import { Logger, type LoggerService } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { loggableError, withoutValues } from './loggable-error';

const MAX_QUERY = 1000;

/** The SQL of a query with its literals blanked; parameters are never logged, so this is all that may be. */
export function queryShape(query: string): string {
  const shape = query
    .replace(/\$([A-Za-z_][A-Za-z_0-9]*)?\$[\s\S]*?\$\1\$/g, '$$…$$')
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\s+/g, ' ')
    .trim();
  return shape.length > MAX_QUERY ? `${shape.slice(0, MAX_QUERY)}…` : shape;
}

/**
 * TypeORM's logger for the services: query failures and slow queries as JSON lines through the service's
 * logger, with the query's shape and the error's codes, never the parameters nor the values an error echoes.
 * Successful queries are not logged.
 */
export class TypeOrmJsonLogger implements TypeOrmLogger {
  constructor(private readonly logger: LoggerService = new Logger('Database')) {}

  logQuery(): void {
    // Every query would be a line; failures and slow ones are what is worth reading.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ msg: 'query failed', query: queryShape(query), error: loggableError(error) });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, query: queryShape(query) });
  }

  logSchemaBuild(message: string): void {
    this.logger.debug?.({ msg: withoutValues(message) });
  }

  logMigration(message: string): void {
    this.logger.log({ msg: withoutValues(message) });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const entry = message instanceof Error ? { msg: 'database driver', error: loggableError(message) } : { msg: withoutValues(String(message)) };
    if (level === 'warn') this.logger.warn(entry);
    else this.logger.log(entry);
  }
}
