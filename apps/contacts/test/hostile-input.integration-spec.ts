import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKafka } from '@registry/kafka';
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
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const company = `HOSTILE-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);
const admin = bearer('admin', 'GROUP-HD');

let people = 0;
function validBody(overrides: Record<string, unknown> = {}) {
  people += 1;
  return {
    name: { full: `試験 ${people}` },
    organizationName: `Hostile Input ${suffix}`,
    email: `person${people}.${suffix.toLowerCase()}@example.co.jp`,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
    ...overrides,
  };
}

describe('contacts under hostile input', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  const kafka = createKafka(testKafka('contacts-hostile-test'));

  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, authorization = admin, contentType = 'application/json') =>
    app.inject({ method, url, headers: { authorization, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  // Everything the write routes may touch, as one comparable value.
  const stored = async () =>
    dataSource.query(
      `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT coalesce(max(version), 0) FROM contacts) AS versions, (SELECT count(*) FROM acquisitions) AS acquisitions,
              (SELECT count(*) FROM subject_requests) AS requests, (SELECT count(*) FROM subject_request_timeline) AS steps`,
    );

  beforeAll(async () => {
    database = await createTestDatabase('contacts_hostile');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('refuses a body nested 3,000 deep with 400 BODY_TOO_DEEP, naming the limit, on every write route', async () => {
    const contact = (await send('POST', '/contacts', validBody(), sales)).json();
    const deep = deeplyNestedJson(3000);
    for (const [method, url, authorization] of [
      ['POST', '/contacts', sales],
      ['PATCH', `/contacts/${contact.id}`, sales],
      ['POST', `/contacts/${contact.id}/transactions`, sales],
      ['POST', '/subject-requests', admin],
      ['POST', `/desk-alerts/${randomUUID()}/acknowledgement`, admin],
    ] as const) {
      const response = await send(method, url, deep, authorization);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json()).toMatchObject({ code: 'BODY_TOO_DEEP', message: expect.stringContaining('32'), details: { maxDepth: 32 } });
    }
    // As deep as the body size limit allows.
    expect((await send('POST', '/contacts', deeplyNestedJson(60_000), sales)).json()).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP' });
  });

  it('answers a text/plain body with 415 naming application/json, and stores nothing', async () => {
    const before = await stored();
    const response = await send('POST', '/contacts', JSON.stringify(validBody()), sales, 'text/plain');
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
    expect(await stored()).toEqual(before);
  });

  it('says a missing organization is required, and a web inquiry without its notice names the notice rule', async () => {
    const { organizationName: _left, ...withoutOrganization } = validBody();
    expect((await send('POST', '/contacts', withoutOrganization, sales)).json().details).toEqual([
      { field: 'organizationName', rule: 'required', message: 'organizationName is required' },
    ]);
    const notice = await send('POST', '/contacts', validBody({ acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20' } }), sales);
    expect(notice.json().details).toEqual([
      { field: 'acquisition.noticeOfPurpose', rule: 'required', message: expect.stringMatching(/notice of purpose.*required for web inquiries, event applications and transaction applications/) },
    ]);
  });

  describe.each(MY_NUMBER_SPELLINGS)('a My Number written "%s"', (spelling) => {
    it('is refused with 422 on the privacy office routes and in a query, never echoed, and nothing is stored', async () => {
      const contact = (await send('POST', '/contacts', validBody({ phone: '03-5555-0101' }), sales)).json();
      const request = (await send('POST', '/subject-requests', { type: 'CORRECTION', person: { email: contact.email } })).json();
      const before = await stored();
      for (const [method, url, body] of [
        ['POST', '/subject-requests', { type: 'DISCLOSURE', person: { name: spelling, organization: 'Example KK' }, deliveryMethod: 'PAPER' }],
        ['POST', '/subject-requests', { type: 'COMPLAINT', summary: `They keep my number ${spelling}` }],
        ['POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [contact.id], identityCheck: { document: 'OTHER', documentDescription: `card ${spelling}`, representativeActed: false } }],
        ['POST', `/subject-requests/${request.id}/refusal`, { extent: 'WHOLE', ground: 'NOT_WITHIN_GROUNDS', explanation: `Accurate: ${spelling}` }],
        ['POST', `/subject-requests/${request.id}/correction`, { changes: { title: `ID ${spelling}` } }],
        ['POST', `/subject-requests/${request.id}/closure`, { outcome: `Answered; their number is ${spelling}` }],
        ['POST', `/desk-alerts/${randomUUID()}/acknowledgement`, { note: spelling }],
        ['GET', `/contacts?organization=${encodeURIComponent(spelling)}`, undefined],
      ] as const) {
        const response = await send(method, url, body);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 422 });
        expect(response.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION' });
        expect(response.body).not.toContain(spelling);
        expect(response.body).not.toContain('9018');
      }
      const registered = await send('POST', '/contacts', validBody({ memo: spelling }), sales);
      expect(registered.statusCode).toBe(422);
      expect(await stored()).toEqual(before);
    });
  });

  it('keeps ordinary numbers: a phone, a date, an order number', async () => {
    const response = await send('POST', '/contacts', validBody({ phone: '03-1234-5678', memo: 'Order 1234.5678 placed 2026/11/20; ext. 0312345678' }), sales);
    expect(response.statusCode).toBe(201);
  });

  it('finds a person registered as スズキ イチロウ by the reading すずきいちろう, or ｽｽﾞｷ ｲﾁﾛｳ', async () => {
    const organization = `Reading ${suffix}`;
    const contact = (await send('POST', '/contacts', validBody({ name: { full: '鈴木 一郎', kana: 'スズキ イチロウ' }, organizationName: organization }), sales)).json();
    for (const name of ['すずきいちろう', 'ｽｽﾞｷ ｲﾁﾛｳ', 'すずき　いちろう']) {
      const request = await send('POST', '/subject-requests', { type: 'DISCLOSURE', person: { name, organization }, deliveryMethod: 'ELECTRONIC' });
      expect(request.statusCode).toBe(201);
      expect(request.json().matches).toEqual([expect.objectContaining({ contactId: contact.id, matchedOn: ['name'] })]);
    }
  });

  it('links a repeat registration whose name is written in hiragana to the one written in katakana', async () => {
    const organization = `Linking ${suffix}`;
    const first = (await send('POST', '/contacts', validBody({ name: { full: 'スズキ イチロウ' }, organizationName: organization, email: undefined, phone: '03-5555-0199' }), sales)).json();
    const again = await send('POST', '/contacts', validBody({ name: { full: 'すずき いちろう' }, organizationName: organization, email: undefined, phone: '03-5555-0199' }), sales);
    expect(again.json()).toMatchObject({ id: first.id, registration: 'LINKED' });
  });

  it('answers 503 with Retry-After when its database connection is terminated, without the query or its values', async () => {
    const response = await injectWithTerminatedConnection(app, database, 'contacts', {
      method: 'GET',
      url: `/contacts?organization=${encodeURIComponent(`Secret Org ${suffix}`)}`,
      headers: { authorization: sales },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
    expect(response.body).not.toMatch(/SELECT|Secret Org|organization_name/);
    // The pool replaces the lost connection: the next request is served.
    expect((await send('GET', '/contacts', undefined, sales)).statusCode).toBe(200);
  });

  describe('never answers random or hostile bodies with a 5xx, and stores nothing it refuses', () => {
    let contactId: string;
    let requestId: string;
    beforeAll(async () => {
      contactId = (await send('POST', '/contacts', validBody(), sales)).json().id;
      requestId = (await send('POST', '/subject-requests', { type: 'CORRECTION', person: { email: `nobody.${suffix.toLowerCase()}@example.co.jp` } })).json().id;
    });

    it('POST /contacts', () =>
      assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: '/contacts', authorization: sales },
        hostileBody(
          ['name', 'organizationName', 'email', 'phone', 'acquisition', 'address', 'memo', 'transactionHistory'],
          fc.record({ name: fc.oneof(fc.record({ full: hostileValue }), hostileValue), organizationName: hostileValue, acquisition: fc.record({ method: fc.constant('BUSINESS_CARD'), acquiredOn: hostileValue }) }),
        ),
        stored,
      ));

    it('PATCH /contacts/{id}', () =>
      assertHostileBodiesRefusedCleanly(
        app,
        { method: 'PATCH', url: `/contacts/${contactId}`, authorization: sales },
        hostileBody(['version', 'name', 'title', 'email', 'address', 'memo'], fc.record({ version: fc.constant(999), title: hostileValue })),
        stored,
      ));

    it('POST /contacts/{id}/transactions', () =>
      assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: `/contacts/${contactId}/transactions`, authorization: sales },
        hostileBody(['entries', 'transactions'], fc.record({ entries: fc.array(fc.record({ occurredOn: hostileValue, description: hostileValue, companyCode: hostileValue }), { maxLength: 2 }) })),
        stored,
      ));

    it('POST /subject-requests and its correction', async () => {
      await assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: '/subject-requests', authorization: admin },
        hostileBody(
          ['type', 'person', 'receivedOn', 'deliveryMethod', 'summary'],
          fc.record({
            type: fc.constantFrom('DISCLOSURE', 'COMPLAINT'),
            person: fc.record({ name: hostileValue, organization: hostileValue, email: hostileValue }),
            receivedOn: hostileValue,
            deliveryMethod: fc.constant('PAPER'),
            summary: hostileValue,
          }),
        ),
        // A well-formed request that names no one is still opened: count only what a refusal must not leave.
        async () => (await stored())[0].contacts,
      );
      await assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: `/subject-requests/${requestId}/correction`, authorization: admin },
        hostileBody(['changes'], fc.record({ changes: fc.dictionary(fc.constantFrom('title', 'name', 'email', 'memo'), hostileValue) })),
        stored,
      );
    });

    it('POST /subject-requests/{id}/confirmation and …/refusal', async () => {
      await assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: `/subject-requests/${requestId}/confirmation`, authorization: admin },
        hostileBody(
          ['contactIds', 'identityCheck'],
          fc.record({
            contactIds: fc.constant([contactId]),
            identityCheck: fc.record({ document: fc.constantFrom('OTHER', 'PASSPORT'), documentDescription: hostileValue, checkedOn: hostileValue, representativeActed: fc.boolean(), representative: fc.record({ name: hostileValue }) }),
          }),
        ),
        stored,
      );
      await assertHostileBodiesRefusedCleanly(
        app,
        { method: 'POST', url: `/subject-requests/${requestId}/refusal`, authorization: admin },
        hostileBody(['extent', 'ground', 'explanation', 'refusedPart'], fc.record({ extent: fc.constantFrom('WHOLE', 'PART'), ground: hostileValue, explanation: hostileValue, refusedPart: hostileValue })),
        stored,
      );
    });
  });
});
