import { ForbiddenException, HttpException, Logger, UnauthorizedException, type ArgumentsHost } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { RegistryExceptionFilter } from './registry-exception.filter';
import { RegistryException } from './registry.exception';

function capture(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const reply = {
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
    expect(capture(new RegistryException('VALIDATION_FAILED', 400, 'The request is invalid', details))).toEqual({
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
});
