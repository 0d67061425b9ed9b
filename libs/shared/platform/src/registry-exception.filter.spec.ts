import { ForbiddenException, HttpException, Logger, UnauthorizedException, type ArgumentsHost } from '@nestjs/common';
import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, RegistryExceptionFilter } from './registry-exception.filter';
import { RegistryException } from './registry.exception';

function capture(exception: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const sent = { status: 0, body: {} as Record<string, unknown>, headers: {} as Record<string, string> };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const request = { id: 'request-1', routeOptions: { url: '/contacts' } };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }) } as unknown as ArgumentsHost;
  new RegistryExceptionFilter().catch(exception, host);
  return sent;
}

describe('RegistryExceptionFilter', () => {
  it('answers a module exception with its own status, code and details', () => {
    const details = [{ field: 'email', rule: 'isEmail', message: 'email must be an email' }];
    expect(capture(new RegistryException('VALIDATION_FAILED', 400, 'The request is invalid', details))).toMatchObject({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request is invalid', details },
    });
  });

  it('gives Nest HTTP exceptions a code', () => {
    expect(capture(new UnauthorizedException('A bearer token is required')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(capture(new ForbiddenException('no')).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: 'no' });
  });

  it('keeps the code an HTTP exception names in its response', () => {
    const refusal = new HttpException({ statusCode: 403, code: 'COMPANY_NOT_IN_REGISTER', message: 'not a member' }, 403);
    expect(capture(refusal).body).toEqual({ statusCode: 403, code: 'COMPANY_NOT_IN_REGISTER', message: 'not a member' });
  });

  it('keeps the 4xx of an error raised by Fastify before a route ran', () => {
    const parseError = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
    expect(capture(parseError).body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'Body is not valid JSON' });
  });

  it('never sends the message or stack of an unexpected error', () => {
    const sent = capture(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
    expect(sent.body).toMatchObject({ code: 'INTERNAL_ERROR' });
  });

  it('logs an unexpected database error with its route and codes, never the values it echoes', () => {
    const marker = 'taro.marker@example.co.jp';
    const logged: unknown[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((entry: unknown) => void logged.push(entry));
    const driverError = Object.assign(new DatabaseError('duplicate key value violates unique constraint "people_email_key"', 0, 'error'), {
      code: '23505',
      detail: `Key (email)=(${marker}) already exists.`,
    });
    const sent = capture(new QueryFailedError('INSERT INTO people (email) VALUES ($1)', [marker], driverError));
    expect(sent.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(logged).toEqual([expect.objectContaining({ msg: 'unexpected error', requestId: 'request-1', route: '/contacts', error: expect.objectContaining({ code: '23505' }) })]);
    expect(JSON.stringify(logged)).not.toContain(marker);
    jest.restoreAllMocks();
  });

  it('answers a media type other than JSON with 415 naming application/json', () => {
    const fastifyError = Object.assign(new Error('Unsupported Media Type: text/plain'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    expect(capture(fastifyError).body).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a server shutting down', Object.assign(new DatabaseError('the database system is shutting down', 0, 'error'), { code: '57P03' })],
  ])('answers %s with 503 and Retry-After', (_case, error) => {
    const sent = capture(new QueryFailedError('SELECT * FROM contacts WHERE email = $1', ['someone@example.co.jp'], error));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(sent.body).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(JSON.stringify(sent.body)).not.toMatch(/SELECT|someone/);
  });

  const database = process.env['REGISTRY_PG_SERVER_URL'];
  (database ? it : it.skip)('answers a connection the server terminated with 503, from the real driver error', async () => {
    const victim = new Client({ connectionString: database });
    const killer = new Client({ connectionString: database });
    await Promise.all([victim.connect(), killer.connect()]);
    victim.on('error', () => undefined);
    try {
      const [{ pid }] = (await victim.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
      const running = victim.query('SELECT pg_sleep(30)').catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      const sent = capture(await running);
      expect(sent).toMatchObject({ status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) }, body: { code: 'DATABASE_UNAVAILABLE' } });
    } finally {
      await killer.end();
      await victim.end().catch(() => undefined);
    }
  });
});
