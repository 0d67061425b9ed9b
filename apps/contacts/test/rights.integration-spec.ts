import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const company = `DESK-${suffix}`;
const someId = '00000000-0000-4000-8000-000000000000';
const someEntryId = '00000000-0000-4000-8000-000000000001';

/** Every route of the privacy office's desk, with a body that would pass validation. */
const DESK_ROUTES = [
  ['POST', '/subject-requests', { type: 'DISCLOSURE', person: { email: 'x@example.co.jp' }, deliveryMethod: 'ELECTRONIC' }],
  ['GET', '/subject-requests', undefined],
  ['GET', `/subject-requests/${someId}`, undefined],
  ['POST', `/subject-requests/${someId}/confirmation`, { contactIds: [someId], identityCheck: { document: 'DRIVERS_LICENSE', representativeActed: false } }],
  ['POST', `/subject-requests/${someId}/refusal`, { extent: 'WHOLE', ground: 'NO_DATA_RETAINED', explanation: 'Nothing held' }],
  ['PUT', `/subject-requests/${someId}/delivery-method`, { deliveryMethod: 'PAPER' }],
  ['POST', `/subject-requests/${someId}/response`, { summary: 'Explained by phone' }],
  ['GET', `/subject-requests/${someId}/disclosure`, undefined],
  ['POST', `/subject-requests/${someId}/correction`, { changes: { title: 'x' } }],
  ['PATCH', `/subject-requests/${someId}/transaction-entries/${someEntryId}`, { description: 'x' }],
  ['DELETE', `/subject-requests/${someId}/transaction-entries/${someEntryId}`, undefined],
  ['POST', `/subject-requests/${someId}/suspension`, {}],
  ['DELETE', `/subject-requests/${someId}/suspension`, undefined],
  ['POST', `/subject-requests/${someId}/erasure`, { doNotContactAgain: true }],
  ['POST', `/subject-requests/${someId}/closure`, { outcome: 'answered' }],
  ['PUT', `/contacts/${someId}/joint-use`, { status: 'SUSPENDED' }],
  ['POST', `/contacts/${someId}/joint-use-consent`, { consentedOn: '2026-11-25', evidence: 'signed form' }],
  ['GET', '/desk-alerts', undefined],
  ['GET', '/desk-alerts/summary', undefined],
  ['POST', `/desk-alerts/${someId}/acknowledgement`, {}],
  ['GET', '/retention-proposals', undefined],
  ['POST', `/retention-proposals/${someId}/confirmation`, {}],
  ['POST', `/retention-proposals/${someId}/dismissal`, { reason: 'Still negotiating' }],
] as const;

describe('rights: the privacy office’s desk is the administrator’s alone', () => {
  const kafka = createKafka(testKafka('contacts-rights-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const requestCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM subject_requests`))[0].n as number;

  beforeAll(async () => {
    database = await createTestDatabase('contacts_rights');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it.each(DESK_ROUTES)('%s %s: no token 401, sales staff 403, a group company 403, and nothing happens', async (method, url, payload) => {
    const before = await requestCount();
    const as = (authorization?: string) => app.inject({ method, url, headers: authorization ? { authorization } : {}, ...(payload ? { payload } : {}) });
    const anonymous = await as();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ statusCode: 401, code: expect.any(String) });
    for (const caller of [bearer('sales', company, `staff-${suffix}`), bearer('company', company)]) {
      const refused = await as(caller);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ statusCode: 403, code: expect.any(String) });
    }
    expect(await requestCount()).toBe(before);
  });

  it('lets the administrator through the same routes', async () => {
    const admin = bearer('admin', 'GROUP-HD', `office-${suffix}`);
    const opened = await app.inject({ method: 'POST', url: '/subject-requests', headers: { authorization: admin }, payload: DESK_ROUTES[0][2] });
    expect(opened.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: `/subject-requests/${opened.json().id}`, headers: { authorization: admin } })).json()).toMatchObject({ status: 'OPEN', matches: [] });
    expect((await app.inject({ method: 'GET', url: '/desk-alerts', headers: { authorization: admin } })).statusCode).toBe(200);
  });

  it('documents a response schema and the 401 and 403 error schemas for every route of the desk', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    for (const [method, url] of DESK_ROUTES) {
      const path = url.replaceAll(someId, '{id}').replaceAll(someEntryId, '{entryId}');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect({ route: `${method} ${path}`, documented: Boolean(operation) }).toEqual({ route: `${method} ${path}`, documented: true });
      const success = Object.entries(operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>).find(([status]) => status.startsWith('2'));
      expect({ route: `${method} ${path}`, schema: Boolean(success?.[1].content?.['application/json']?.schema) }).toEqual({ route: `${method} ${path}`, schema: true });
      for (const status of ['401', '403', '400']) {
        expect({ route: `${method} ${path}`, status, schema: operation.responses[status]?.content?.['application/json']?.schema }).toEqual({
          route: `${method} ${path}`,
          status,
          schema: { $ref: '#/components/schemas/RegistryErrorDto' },
        });
      }
    }
  });
});
