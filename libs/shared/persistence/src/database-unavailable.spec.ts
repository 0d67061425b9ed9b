import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new DatabaseError(message, 0, 'error'), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a terminated connection', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server that cannot accept connections now', pgError('57P03')],
    ['a connection failure', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['refused on every address', Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]), {})],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a wrapped one', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
  ])('recognises %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a syntax error', pgError('42601')],
    ['a plain error', new Error('boom')],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('leaves %s to be answered as it is', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
