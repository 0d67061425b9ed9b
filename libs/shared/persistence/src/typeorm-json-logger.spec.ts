import type { LoggerService } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { queryShape, TypeOrmJsonLogger } from './typeorm-json-logger';

const MARKER = 'marker-山田-0312345678';

class RecordingLogger implements LoggerService {
  readonly lines: { level: string; entry: unknown }[] = [];
  log(entry: unknown): void {
    this.lines.push({ level: 'log', entry });
  }
  error(entry: unknown): void {
    this.lines.push({ level: 'error', entry });
  }
  warn(entry: unknown): void {
    this.lines.push({ level: 'warn', entry });
  }
  debug(entry: unknown): void {
    this.lines.push({ level: 'debug', entry });
  }
}

describe('queryShape', () => {
  it('blanks string literals and dollar-quoted bodies, keeps placeholders and collapses whitespace', () => {
    expect(queryShape(`SELECT *\n  FROM people WHERE email = '${MARKER}' AND name = $1`)).toBe(`SELECT * FROM people WHERE email = '…' AND name = $1`);
    expect(queryShape(`SELECT 'it''s ${MARKER}', $2`)).toBe(`SELECT '…', $2`);
    expect(queryShape(`CREATE FUNCTION f() RETURNS text AS $body$ SELECT '${MARKER}' $body$ LANGUAGE sql`)).toBe('CREATE FUNCTION f() RETURNS text AS $…$ LANGUAGE sql');
  });
});

describe('TypeOrmJsonLogger', () => {
  it('logs a failed query by its shape and error codes, never its parameters', () => {
    const sink = new RecordingLogger();
    const error = new QueryFailedError('INSERT INTO people (name) VALUES ($1)', [MARKER], new Error(`invalid input syntax for type uuid: "${MARKER}"`));
    new TypeOrmJsonLogger(sink).logQueryError(error, 'INSERT INTO people (name) VALUES ($1)');
    expect(sink.lines).toEqual([
      {
        level: 'error',
        entry: expect.objectContaining({ msg: 'query failed', query: 'INSERT INTO people (name) VALUES ($1)', error: expect.objectContaining({ name: 'QueryFailedError' }) }),
      },
    ]);
    expect(JSON.stringify(sink.lines)).not.toContain(MARKER);
  });

  it('logs a slow query with its time, and no line at all for a query that went well', () => {
    const sink = new RecordingLogger();
    const logger = new TypeOrmJsonLogger(sink);
    logger.logQuery();
    logger.logQuerySlow(1500, `SELECT * FROM people WHERE email = '${MARKER}'`);
    expect(sink.lines).toEqual([{ level: 'warn', entry: { msg: 'slow query', ms: 1500, query: `SELECT * FROM people WHERE email = '…'` } }]);
  });

  it('passes driver warnings and migrations on without the values they quote', () => {
    const sink = new RecordingLogger();
    const logger = new TypeOrmJsonLogger(sink);
    logger.log('warn', `Postgres pool raised an error. error: invalid input value for enum kind: "${MARKER}"`);
    logger.log('info', new Error(`"${MARKER}"`));
    logger.logMigration('Migration CreatePeople1 has been executed successfully.');
    expect(sink.lines.map((line) => line.level)).toEqual(['warn', 'log', 'log']);
    expect(JSON.stringify(sink.lines)).not.toContain(MARKER);
    expect(sink.lines[2]?.entry).toEqual({ msg: 'Migration CreatePeople1 has been executed successfully.' });
  });
});
