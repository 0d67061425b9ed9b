import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { loggableError, withoutValues } from './loggable-error';

const MARKER = 'taro.marker@example.co.jp';

function uniqueViolation(): QueryFailedError<DatabaseError> {
  const driverError = new DatabaseError('duplicate key value violates unique constraint "people_email_key"', 0, 'error');
  Object.assign(driverError, {
    severity: 'ERROR',
    code: '23505',
    detail: `Key (email)=(${MARKER}) already exists.`,
    schema: 'public',
    table: 'people',
    constraint: 'people_email_key',
    routine: '_bt_check_unique',
  });
  return new QueryFailedError('INSERT INTO people (email) VALUES ($1)', [MARKER], driverError);
}

describe('withoutValues', () => {
  it('removes quoted input, column=value pairs and raw bytes, and keeps the words', () => {
    expect(withoutValues(`invalid input syntax for type uuid: "${MARKER}"`)).toBe('invalid input syntax for type uuid: "…"');
    expect(withoutValues(`Key (email)=(${MARKER}) already exists.`)).toBe('Key (email)=(…) already exists.');
    expect(withoutValues(`Unexpected token 'M', "${MARKER}" is not valid JSON`)).toBe(`Unexpected token '…', "…" is not valid JSON`);
    expect(withoutValues('invalid byte sequence for encoding "UTF8": 0xe3 0x81')).toBe('invalid byte sequence for encoding "…": 0x… 0x…');
    expect(withoutValues('Connection terminated unexpectedly')).toBe('Connection terminated unexpectedly');
  });

  it('cuts a very long message short', () => {
    expect(withoutValues('x'.repeat(2000)).length).toBeLessThanOrEqual(501);
  });
});

describe('loggableError', () => {
  it('keeps the SQLSTATE and the names of a database error, never its detail, query or parameters', () => {
    const described = loggableError(uniqueViolation());
    expect(described).toMatchObject({
      name: 'QueryFailedError',
      code: '23505',
      severity: 'ERROR',
      table: 'people',
      constraint: 'people_email_key',
      message: 'duplicate key value violates unique constraint "…"',
    });
    expect(JSON.stringify(described)).not.toContain(MARKER);
    expect(JSON.stringify(described)).not.toContain('INSERT');
  });

  it('rebuilds the head of the stack from the redacted message and keeps the frames', () => {
    const error = new Error(`invalid input syntax for type uuid: "${MARKER}"`);
    const { stack } = loggableError(error);
    expect(stack?.split('\n')[0]).toBe('Error: invalid input syntax for type uuid: "…"');
    expect(stack).toMatch(/\n\s+at /);
    expect(stack).not.toContain(MARKER);
  });

  it('describes a cause and a thrown value that is not an error, without their values', () => {
    const error = new Error('registration failed', { cause: uniqueViolation() });
    expect(loggableError(error).cause).toMatchObject({ code: '23505' });
    expect(JSON.stringify(loggableError(error))).not.toContain(MARKER);
    expect(loggableError({ status: 'error', message: `bad "${MARKER}"` })).toEqual({ name: 'object', message: 'bad "…"' });
    expect(loggableError(`"${MARKER}"`)).toEqual({ name: 'string', message: '"…"' });
  });

  it('keeps a Node.js system error code', () => {
    expect(loggableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
