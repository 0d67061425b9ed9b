import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  assertHostileBodiesRefusedCleanly,
  bearer,
  createTestDatabase,
  deeplyNestedJson,
  hostileBody,
  hostileValue,
  injectWithTerminatedConnection,
  MY_NUMBER_SPELLINGS,
  startInProcess,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();
const admin = bearer('admin', 'GROUP-HD');
let alerts = 0;

describe('audit under hostile input', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const send = (method: 'GET' | 'POST', url: string, payload?: unknown, contentType = 'application/json') =>
    app.inject({ method, url, headers: { authorization: admin, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const openAlert = async (): Promise<string> => {
    const id = randomUUID();
    await dataSource.query(`INSERT INTO alerts (id, rule, company_code, detail, raised_at, last_seen_at) VALUES ($1, 'REPEATED_REFUSALS', $2, 'test', now(), now())`, [id, `HOSTILE-${suffix}-${alerts++}`]);
    return id;
  };
  const alertState = async (id: string) => dataSource.query(`SELECT acknowledged_at, acknowledged_by, note FROM alerts WHERE id = $1`, [id]);

  beforeAll(async () => {
    database = await createTestDatabase('audit_hostile');
    app = await startInProcess(createAuditApp, auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-hostile-${suffix}` }));
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('refuses an acknowledgement nested 3,000 deep with 400 BODY_TOO_DEEP', async () => {
    const response = await send('POST', `/audit/alerts/${await openAlert()}/acknowledgement`, deeplyNestedJson(3000));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BODY_TOO_DEEP', details: { maxDepth: 32 } });
  });

  it('answers a text/plain acknowledgement with 415 naming application/json, and leaves the alert open', async () => {
    const id = await openAlert();
    const response = await send('POST', `/audit/alerts/${id}/acknowledgement`, '{"note":"seen"}', 'text/plain');
    expect(response.json()).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
    expect(await alertState(id)).toEqual([{ acknowledged_at: null, acknowledged_by: null, note: null }]);
  });

  it.each(MY_NUMBER_SPELLINGS)('refuses a My Number written "%s" in an alert note and in a search query with 422, and keeps nothing', async (spelling) => {
    const id = await openAlert();
    const ack = await send('POST', `/audit/alerts/${id}/acknowledgement`, { note: `The caller gave ${spelling}` });
    expect(ack.statusCode).toBe(422);
    expect(ack.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION', details: [{ field: 'note', rule: 'noMyNumber' }] });
    expect(await alertState(id)).toEqual([{ acknowledged_at: null, acknowledged_by: null, note: null }]);
    const search = await send('GET', `/audit/accesses?companyCode=${encodeURIComponent(spelling)}`);
    expect(search.statusCode).toBe(422);
    for (const response of [ack, search]) expect(response.body).not.toContain('9018');
  });

  it('answers 503 with Retry-After when its database connection is terminated', async () => {
    const response = await injectWithTerminatedConnection(app, database, 'alerts', { method: 'GET', url: '/audit/alerts', headers: { authorization: admin } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(response.body).not.toMatch(/SELECT|alerts/);
    expect((await send('GET', '/audit/alerts')).statusCode).toBe(200);
  });

  it('never answers random or hostile acknowledgements with a 5xx, and keeps nothing it refuses', async () => {
    const id = await openAlert();
    await assertHostileBodiesRefusedCleanly(
      app,
      { method: 'POST', url: `/audit/alerts/${id}/acknowledgement`, authorization: admin },
      hostileBody(['note'], fc.record({ note: hostileValue })),
      () => alertState(id),
    );
  });
});
