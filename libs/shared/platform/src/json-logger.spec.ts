import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { JsonLogger } from './json-logger';

const MARKER = 'taro.marker@example.co.jp';

describe('JsonLogger', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes one JSON object per line with service, level and context', () => {
    new JsonLogger('sharing').log({ msg: 'consuming', groupId: 'sharing' }, 'KafkaEventServer');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ level: 'log', service: 'sharing', context: 'KafkaEventServer', msg: 'consuming', groupId: 'sharing' });
  });

  it('drops lines below its level', () => {
    const logger = new JsonLogger('audit', 'warn');
    logger.log('routine');
    logger.debug('detail');
    logger.warn('attention');
    expect(written.map((line) => JSON.parse(line).msg)).toEqual(['attention']);
  });

  it('writes an error, passed alone or inside a line, by its codes only: no detail, parameters or echoed input', () => {
    const driverError = Object.assign(new DatabaseError('duplicate key value violates unique constraint "people_email_key"', 0, 'error'), {
      code: '23505',
      detail: `Key (email)=(${MARKER}) already exists.`,
      constraint: 'people_email_key',
    });
    const failed = new QueryFailedError('INSERT INTO people (email) VALUES ($1)', [MARKER], driverError);
    const logger = new JsonLogger('contacts');
    logger.error(failed, 'RpcExceptionsHandler');
    logger.warn({ msg: 'kafkajs', error: failed });
    logger.error(`invalid input syntax for type uuid: "${MARKER}"`, `QueryFailedError: invalid input syntax for type uuid: "${MARKER}"\n    at run (x.js:1:1)`, 'ExceptionsHandler');
    expect(written).toHaveLength(3);
    for (const line of written) expect(line).not.toContain(MARKER);
    const [first, second, third] = written.map((line) => JSON.parse(line));
    expect(first).toMatchObject({ level: 'error', context: 'RpcExceptionsHandler', error: { code: '23505', constraint: 'people_email_key' } });
    expect(second).toMatchObject({ msg: 'kafkajs', error: { name: 'QueryFailedError', code: '23505' } });
    expect(third).toMatchObject({ msg: 'invalid input syntax for type uuid: "…"', stack: 'QueryFailedError: invalid input syntax for type uuid: "…"\n    at run (x.js:1:1)' });
  });
});
