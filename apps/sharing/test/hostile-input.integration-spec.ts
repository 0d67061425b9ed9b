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
  testSettings,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const admin = bearer('admin', 'GROUP-HD');
const reader = `HOSTILE-${suffix}`;
const company = { legalName: 'Hostile Input KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true };

describe('sharing under hostile input', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const send = (method: 'GET' | 'PUT', url: string, payload?: unknown, authorization = admin, contentType = 'application/json') =>
    app.inject({ method, url, headers: { authorization, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const stored = async () =>
    dataSource.query(
      // The projection keeps consuming the shared contact topic meanwhile: only what the routes under test write is compared.
      `SELECT (SELECT count(*) FROM group_companies) AS companies, (SELECT count(*) FROM group_company_changes) AS changes,
              (SELECT count(*) FROM shared_contacts WHERE suspended_by_admin) AS suspended`,
    );

  beforeAll(async () => {
    database = await createTestDatabase('sharing_hostile');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-hostile-${suffix}` }));
    dataSource = app.get(DataSource);
    expect((await send('PUT', `/companies/${reader}`, company)).statusCode).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('refuses a body nested 3,000 deep with 400 BODY_TOO_DEEP on the register and on suspension', async () => {
    for (const url of [`/companies/DEEP-${suffix}`, `/shared-contacts/${randomUUID()}/suspension`]) {
      const response = await send('PUT', url, deeplyNestedJson(3000));
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json()).toMatchObject({ code: 'BODY_TOO_DEEP', details: { maxDepth: 32 } });
    }
  });

  it('answers a text/plain body with 415 naming application/json', async () => {
    const response = await send('PUT', `/companies/PLAIN-${suffix}`, JSON.stringify(company), admin, 'text/plain');
    expect(response.json()).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
  });

  it('says a missing legal name is required', async () => {
    const { legalName: _left, ...withoutName } = company;
    expect((await send('PUT', `/companies/NONAME-${suffix}`, withoutName)).json().details).toEqual([{ field: 'legalName', rule: 'required', message: 'legalName is required' }]);
  });

  it.each(MY_NUMBER_SPELLINGS)('refuses a My Number written "%s" in the register and in a search query with 422, and stores nothing', async (spelling) => {
    const before = await stored();
    const put = await send('PUT', `/companies/${reader}`, { ...company, legalName: `Hostile ${spelling} KK` });
    expect(put.statusCode).toBe(422);
    expect(put.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION', details: [{ field: 'legalName', rule: 'noMyNumber' }] });
    const search = await send('GET', `/shared-contacts?purpose=MARKETING&organization=${encodeURIComponent(spelling)}`, undefined, bearer('company', reader));
    expect(search.statusCode).toBe(422);
    expect(search.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION', details: [{ field: 'query.organization' }] });
    for (const response of [put, search]) expect(response.body).not.toContain('9018');
    expect(await stored()).toEqual(before);
  });

  it('refuses a My Number as a company code in the path, and keeps no such company', async () => {
    const before = await stored();
    const response = await send('PUT', '/companies/1234-5678-9018', company);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION', details: [{ field: 'path.code' }] });
    expect(response.body).not.toContain('9018');
    expect(await stored()).toEqual(before);
  });

  it('answers 503 with Retry-After when its database connection is terminated', async () => {
    const response = await injectWithTerminatedConnection(app, database, 'group_companies', { method: 'GET', url: '/companies', headers: { authorization: admin } });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(response.body).not.toMatch(/SELECT|group_companies/);
    expect((await send('GET', '/companies')).statusCode).toBe(200);
  });

  describe('never answers random or hostile bodies with a 5xx, and stores nothing it refuses', () => {
    it('PUT /companies/{code}', () =>
      assertHostileBodiesRefusedCleanly(
        app,
        { method: 'PUT', url: `/companies/FUZZ-${suffix}`, authorization: admin },
        hostileBody(
          ['legalName', 'country', 'relationship', 'joinedOn', 'leftOn', 'active'],
          fc.record({ legalName: hostileValue, country: fc.oneof(fc.constant('JP'), hostileValue), relationship: fc.constant('CONSOLIDATED_SUBSIDIARY'), joinedOn: hostileValue, active: fc.boolean() }),
        ),
        stored,
      ));

    it('PUT /shared-contacts/{id}/suspension', async () => {
      const contactId = randomUUID();
      await dataSource.query(
        `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, transaction_history, acquisition_method, acquired_on, acquiring_company_code, updated_at)
         VALUES ($1, 1, 'Fuzz Person', 'Fuzz KK', '[]', 'BUSINESS_CARD', '2026-11-20', 'STAFFING-JP', now())`,
        [contactId],
      );
      await assertHostileBodiesRefusedCleanly(
        app,
        { method: 'PUT', url: `/shared-contacts/${contactId}/suspension`, authorization: admin },
        hostileBody(['suspended'], fc.record({ suspended: hostileValue })),
        stored,
      );
    });
  });
});
