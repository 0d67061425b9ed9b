import { context, trace } from '@opentelemetry/api';
import { startTracing, tracer } from '@registry/tracing';
import { DatabaseError } from 'pg';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createServicePino, ServiceLogger } from './service-logger';

const MARKER = 'taro.marker@example.co.jp';

function capture(service: string, level = 'log'): { logger: ServiceLogger; lines: () => Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const pino = createServicePino(service, level, stream);
  return { logger: new ServiceLogger({ logger: pino }), raw, lines: () => raw.map((line) => JSON.parse(line)) };
}

describe('ServiceLogger', () => {
  it('writes one JSON object per line with time, level, service, context and the entry’s fields', () => {
    const { logger, raw, lines } = capture('sharing');
    logger.log({ msg: 'consuming', groupId: 'sharing' }, 'KafkaEventServer');
    logger.warn('plain text', 'Somewhere');
    expect(raw).toHaveLength(2);
    expect(raw.every((line) => line.endsWith('\n') && line.trimEnd().split('\n').length === 1)).toBe(true);
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 'info', service: 'sharing', context: 'KafkaEventServer', msg: 'consuming', groupId: 'sharing' });
    expect(new Date(String(first?.['time'])).toISOString()).toBe(first?.['time']);
    expect(second).toMatchObject({ level: 'warn', context: 'Somewhere', msg: 'plain text' });
  });

  it('drops lines below its level; Nest’s verbose is pino’s trace', () => {
    const quiet = capture('audit', 'warn');
    quiet.logger.log('routine');
    quiet.logger.debug('detail');
    quiet.logger.warn('attention');
    expect(quiet.lines().map((line) => line['msg'])).toEqual(['attention']);
    const loud = capture('audit', 'verbose');
    loud.logger.verbose('everything');
    expect(loud.lines()).toEqual([expect.objectContaining({ level: 'trace', msg: 'everything' })]);
  });

  it('writes an error, passed alone or inside a line, by its codes only: no detail, parameters or echoed input', () => {
    const driverError = Object.assign(new DatabaseError('duplicate key value violates unique constraint "people_email_key"', 0, 'error'), {
      code: '23505',
      detail: `Key (email)=(${MARKER}) already exists.`,
      constraint: 'people_email_key',
    });
    const failed = new QueryFailedError('INSERT INTO people (email) VALUES ($1)', [MARKER], driverError);
    const { logger, raw, lines } = capture('contacts');
    logger.error(failed, 'RpcExceptionsHandler');
    logger.warn({ msg: 'kafkajs', error: failed });
    logger.warn({ msg: 'nested', cause: { errors: [failed] } });
    logger.error(`invalid input syntax for type uuid: "${MARKER}"`, `QueryFailedError: invalid input syntax for type uuid: "${MARKER}"\n    at run (x.js:1:1)`, 'ExceptionsHandler');
    expect(raw).toHaveLength(4);
    for (const line of raw) expect(line).not.toContain(MARKER);
    const [first, second, third, fourth] = lines();
    expect(first).toMatchObject({ level: 'error', context: 'RpcExceptionsHandler', error: { code: '23505', constraint: 'people_email_key' } });
    expect(second).toMatchObject({ msg: 'kafkajs', error: { name: 'QueryFailedError', code: '23505' } });
    expect(third).toMatchObject({ msg: 'nested', cause: { errors: [{ name: 'QueryFailedError', code: '23505' }] } });
    expect(fourth).toMatchObject({ msg: 'invalid input syntax for type uuid: "…"', stack: 'QueryFailedError: invalid input syntax for type uuid: "…"\n    at run (x.js:1:1)' });
  });

  it('redacts fields that may hold a person’s items, at the top and one level down, but keeps an error’s name', () => {
    const { logger, raw, lines } = capture('contacts');
    logger.log({ msg: 'oops', email: MARKER, name: 'Taro', contact: { name: 'Taro', phone: '03-1234-5678' }, items: { memo: 'm' }, body: { x: 1 } });
    logger.log({ msg: 'failure', error: { name: 'QueryFailedError' }, req: { headers: { authorization: 'Bearer secret', cookie: 'sid=1' } } });
    for (const value of [MARKER, 'Taro', '03-1234-5678', 'Bearer secret', 'sid=1']) expect(raw.join('')).not.toContain(value);
    const [first, second] = lines();
    expect(first).toMatchObject({ email: '[redacted]', name: '[redacted]', contact: { name: '[redacted]', phone: '[redacted]' }, items: '[redacted]', body: '[redacted]' });
    expect(second).toMatchObject({ error: { name: 'QueryFailedError' }, req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } } });
  });

  it('carries the active span’s trace and span ids', () => {
    startTracing({ service: 'platform-spec', exporter: 'none' });
    const { logger, lines } = capture('contacts');
    const span = tracer().startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.log('inside'));
    logger.log('outside');
    span.end();
    const [inside, outside] = lines();
    expect(inside).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
    expect(outside?.['traceId']).toBeUndefined();
  });
});
