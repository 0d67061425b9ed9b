import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  createPrivateBroker,
  createTestDatabase,
  eventually,
  readWholeTopic,
  startInProcess,
  kafkaConnectionAs,
  kafkaSettingsAs,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';
import { createContactsApp } from '../src/contacts.app';

const suffix = uniqueSuffix();
const company = `SALES-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);

let people = 0;

/** A valid body for a new person each call (unless overridden), so that tests do not link to each other's contacts. */
function validBody(overrides: Record<string, unknown> = {}) {
  people += 1;
  return {
    name: { full: '　佐藤 花子 ', kana: 'サトウ ハナコ' },
    organizationName: 'Example Manufacturing KK',
    address: { postalCode: '１０７００６２', prefecture: '東京都', city: '港区', street: '南青山3-1-30' },
    email: ` Hanako.Sato${people}.${suffix}＠Example.CO.JP`,
    phone: `+81 3 ${String(1000 + people).padStart(4, '0')} ${suffix.slice(0, 4).replace(/\D/g, '7').padEnd(4, '7')}`,
    fax: '03-1234-5679',
    transactionHistory: [{ occurredOn: '2026-10-01', description: 'Staffing contract', companyCode: company }],
    acquisition: { method: 'BUSINESS_DISCUSSION', acquiredOn: '2026-11-20' },
    memo: `memo-${suffix}`,
    cardImageRef: `card-${suffix}`,
    ...overrides,
  };
}

describe('contacts', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  const kafka = createKafka(testKafka('contacts-test'));

  const register = (payload: unknown, authorization: string | null = sales) =>
    app.inject({ method: 'POST', url: '/contacts', headers: authorization ? { authorization } : {}, payload: payload as object });
  const storedCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM contacts`))[0].n as number;

  beforeAll(async () => {
    database = await createTestDatabase('contacts');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company, `OTHER-${suffix}`, `STRANGER-${suffix}`, `LIST-${suffix}`]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('registers a contact, normalised, and publishes only its allowed items', async () => {
    const response = await register(validBody());
    expect(response.statusCode).toBe(201);
    const contact = response.json();
    expect(contact).toMatchObject({
      version: 1,
      name: { full: '佐藤 花子', kana: 'サトウ ハナコ' },
      address: { postalCode: '107-0062' },
      email: `Hanako.Sato${people}.${suffix}@example.co.jp`,
      fax: '+81312345679',
      registration: 'CREATED',
      acquisitions: [{ method: 'BUSINESS_DISCUSSION', companyCode: company, acquiredBy: `staff-${suffix}`, memo: `memo-${suffix}` }],
    });

    const message = await eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.contact)).find((m) => m.key === contact.id);
      expect(found).toBeDefined();
      return found;
    });
    const event = JSON.parse(message?.value ?? '{}');
    expect(event).toMatchObject({ eventType: 'ContactRegistered', contactId: contact.id, version: 1, schemaVersion: 3, jointUse: 'ACTIVE', noticeVersion: '2022-04-01' });
    expect(event).not.toHaveProperty('heldReason');
    expect(Object.keys(event.items).sort()).toEqual(['address', 'email', 'fax', 'name', 'organizationName', 'phone', 'transactionHistory']);
    expect(message?.value).not.toContain(`memo-${suffix}`);
    expect(message?.value).not.toContain(`card-${suffix}`);
    expect(message?.value).not.toContain(`staff-${suffix}`);
  });

  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['an unknown property', { myNumber: '123456789012' }, 'myNumber'],
    ['a foreign phone number', { phone: '+1 212 555 0100' }, 'phone'],
    ['a malformed e-mail', { email: 'not-an-email' }, 'email'],
    ['a bad postal code', { address: { postalCode: '1070', prefecture: '東京都', city: '港区' } }, 'address.postalCode'],
    ['an unknown acquisition method', { acquisition: { method: 'PURCHASED_LIST', acquiredOn: '2026-11-20' } }, 'acquisition.method'],
    ['an over-long organization name', { organizationName: 'x'.repeat(201) }, 'organizationName'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_case, overrides, field) => {
    const before = await storedCount();
    const response = await register(validBody(overrides));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(await storedCount()).toBe(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/contacts',
      headers: { authorization: sales, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('needs a token of sales staff or the administrator', async () => {
    expect((await register(validBody(), null)).statusCode).toBe(401);
    expect((await register(validBody(), 'Bearer not-a-token')).statusCode).toBe(401);
    expect((await register(validBody(), bearer('company', company))).statusCode).toBe(403);
  });

  it.each([
    ['POST', '/contacts'],
    ['GET', '/contacts'],
    ['GET', '/contacts/00000000-0000-4000-8000-000000000000'],
    ['PATCH', '/contacts/00000000-0000-4000-8000-000000000000'],
    ['POST', '/contacts/00000000-0000-4000-8000-000000000000/transactions'],
  ] as const)('%s %s needs sales staff or the administrator: no token 401, a group company 403', async (method, url) => {
    expect((await app.inject({ method, url, payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method, url, payload: {}, headers: { authorization: bearer('company', company) } })).statusCode).toBe(403);
  });

  it('shows a contact to its own company and the administrator only', async () => {
    const { id } = (await register(validBody())).json();
    const read = (authorization: string) => app.inject({ method: 'GET', url: `/contacts/${id}`, headers: { authorization } });
    expect((await read(sales)).statusCode).toBe(200);
    expect((await read(bearer('admin', 'GROUP-HD'))).statusCode).toBe(200);
    expect((await read(bearer('sales', `OTHER-${suffix}`))).json()).toMatchObject({ statusCode: 404, code: 'CONTACT_NOT_FOUND' });
  });

  it('acknowledges a registration while Kafka is unreachable, and publishes it once Kafka answers', async () => {
    const offline = await startInProcess(createContactsApp, contactsTestSettings(database.url, { KAFKA_BROKERS: '127.0.0.1:1' }));
    let id: string;
    try {
      const response = await offline.inject({ method: 'POST', url: '/contacts', headers: { authorization: sales }, payload: validBody() });
      expect(response.statusCode).toBe(201);
      id = response.json().id;
      const ready = await offline.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { database: 'up', kafka: 'down' } });
    } finally {
      await offline.close();
    }
    await eventually(async () => {
      const messages = (await readWholeTopic(kafka, Topics.contact)).filter((m) => m.key === id);
      expect(messages).toHaveLength(1);
    });
  });

  describe('the same person registered again', () => {
    it('links a repeat registration by e-mail, written differently, to the existing person', async () => {
      const first = (await register(validBody())).json();
      const again = await register({
        ...validBody({ email: first.email.toUpperCase().replace('@', '＠'), phone: undefined, memo: 'second meeting' }),
        acquisition: {
          method: 'EVENT_APPLICATION',
          acquiredOn: '2026-11-22',
          noticeOfPurpose: { purposesShown: ['Seminar guidance'], jointUseNotified: true, wording: 'Seminar sign-up notice v3' },
        },
      }, bearer('sales', `OTHER-${suffix}`, 'staff-other'));
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ id: first.id, version: 2, registration: 'LINKED', phone: null });
      // The linking company gets back only its own acquisition, as it submitted it: never the first company's.
      expect(again.json().acquisitions).toEqual([
        expect.objectContaining({
          method: 'EVENT_APPLICATION',
          companyCode: `OTHER-${suffix}`,
          memo: 'second meeting',
          noticeOfPurpose: { purposesShown: ['Seminar guidance'], jointUseNotified: true, wording: 'Seminar sign-up notice v3' },
        }),
      ]);
      expect(again.json()).not.toHaveProperty('jointUse');
    });

    it('links by name, organization and phone when there is no e-mail', async () => {
      const body = validBody({ email: undefined });
      const first = (await register(body)).json();
      const again = await register({ ...body, name: { full: '佐藤　花子' }, organizationName: 'ＥＸＡＭＰＬＥ Manufacturing KK' });
      expect(again.json()).toMatchObject({ id: first.id, registration: 'LINKED' });
    });

    it('creates one person when the same new person is registered twice at once', async () => {
      const body = validBody();
      const [a, b] = await Promise.all([register(body), register(body)]);
      expect([a.json().registration, b.json().registration].sort()).toEqual(['CREATED', 'LINKED']);
      expect(a.json().id).toBe(b.json().id);
    });
  });

  describe('corrections', () => {
    it('corrects, adds and deletes items when the version is current, and refuses a stale version with 409', async () => {
      const created = (await register(validBody())).json();
      const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/contacts/${created.id}`, headers: { authorization: sales }, payload });
      const corrected = await patch({ version: 1, title: 'Director', department: null, phone: '０９０-１２３４-５６７８' });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json()).toMatchObject({ version: 2, title: 'Director', department: null, phone: '+819012345678' });

      const stale = await patch({ version: 1, title: 'Manager' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
      expect((await app.inject({ method: 'GET', url: `/contacts/${created.id}`, headers: { authorization: sales } })).json().title).toBe('Director');

      const events = await eventually(async () => {
        const found = (await readWholeTopic(kafka, Topics.contact)).filter((m) => m.key === created.id).map((m) => JSON.parse(m.value ?? '{}'));
        expect(found).toHaveLength(2);
        return found;
      });
      expect(events.map((e) => [e.eventType, e.version])).toEqual([['ContactRegistered', 1], ['ContactCorrected', 2]]);
      expect(events[1].items.department).toBeUndefined();
    });

    it('refuses to clear a required item, and another company’s staff cannot correct', async () => {
      const created = (await register(validBody())).json();
      const cleared = await app.inject({ method: 'PATCH', url: `/contacts/${created.id}`, headers: { authorization: sales }, payload: { version: 1, organizationName: null } });
      expect(cleared.statusCode).toBe(400);
      const other = await app.inject({
        method: 'PATCH',
        url: `/contacts/${created.id}`,
        headers: { authorization: bearer('sales', `STRANGER-${suffix}`) },
        payload: { version: 1, title: 'x' },
      });
      expect(other.statusCode).toBe(404);
    });

    it('appends transaction history entries, up to the limit', async () => {
      const created = (await register(validBody())).json();
      const append = (count: number) =>
        app.inject({
          method: 'POST',
          url: `/contacts/${created.id}/transactions`,
          headers: { authorization: sales },
          payload: { entries: Array.from({ length: count }, (_, i) => ({ occurredOn: '2026-11-01', description: `order ${i}`, companyCode: company })) },
        });
      const appended = await append(2);
      expect(appended.statusCode).toBe(201);
      expect(appended.json()).toMatchObject({ version: 2 });
      expect(appended.json().transactionHistory).toHaveLength(3);
      for (let i = 0; i < 4; i += 1) expect((await append(100)).statusCode).toBe(201);
      const over = await append(100);
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ code: 'TOO_MANY_TRANSACTIONS' });
    });
  });

  describe('listing', () => {
    it('lists the company’s own contacts newest first, with filters and a cursor', async () => {
      const listCompany = `LIST-${suffix}`;
      const staff = bearer('sales', listCompany);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await register(validBody({ organizationName: `Listing Corp ${i % 2}` }), staff)).json().id);
      const list = (query: string, authorization = staff) => app.inject({ method: 'GET', url: `/contacts?${query}`, headers: { authorization } });

      const first = (await list('limit=3')).json();
      const second = (await list(`limit=3&cursor=${first.nextCursor}`)).json();
      expect([...first.contacts, ...second.contacts].map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
      expect(second.nextCursor).toBeNull();
      expect((await list('organization=listing%20corp%201')).json().contacts).toHaveLength(2);
      expect((await list(`companyCode=${company}`)).json().contacts).toHaveLength(5);
      expect((await list(`companyCode=${listCompany}`, bearer('admin', 'GROUP-HD'))).json().contacts).toHaveLength(5);
      expect((await list('cursor=abc')).statusCode).toBe(400);
    });
  });

  describe('what may not be stored', () => {
    const myNumber = '123456789018';

    it.each([
      ['the memo', { memo: `card back: ${myNumber}` }, 'memo'],
      ['a transaction description', { transactionHistory: [{ occurredOn: '2026-10-01', description: `ID １２３４ ５６７８ ９０１８`, companyCode: 'X1' }] }, 'transactionHistory.0.description'],
      ['an unknown field', { individualNumber: myNumber }, 'individualNumber'],
    ])('refuses a My Number in %s with 422, and stores nothing', async (_case, overrides, field) => {
      const before = await storedCount();
      const response = await register(validBody(overrides));
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'SPECIFIED_PERSONAL_INFORMATION', details: [expect.objectContaining({ field })] });
      expect(response.body).not.toContain(myNumber);
      expect(await storedCount()).toBe(before);
    });

    it('refuses a prefecture that is not one of the 47, and a web inquiry without the notice the person saw', async () => {
      const prefecture = await register(validBody({ address: { postalCode: '100-0001', prefecture: 'Tokyo', city: '千代田区' } }));
      expect(prefecture.json().details).toEqual([expect.objectContaining({ field: 'address.prefecture' })]);
      const notice = await register(validBody({ acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20' } }));
      expect(notice.json().details).toEqual([expect.objectContaining({ field: 'acquisition.noticeOfPurpose', rule: 'required' })]);
    });
  });

  it('never answers arbitrary or hostile bodies with a 5xx, and stores nothing it refuses', async () => {
    const hostileString = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('__proto__', 'constructor', '{"$where":1}', "'; DROP TABLE contacts; --", '\u0000', '\uD800', 'ｘ'.repeat(5000), '123456789018'),
    );
    const field = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }));
    const body = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom('name', 'organizationName', 'email', 'phone', 'acquisition', 'address', 'memo', '__proto__', 'transactionHistory'), field),
      fc.record({
        name: fc.oneof(fc.record({ full: hostileString }), field),
        organizationName: hostileString,
        email: hostileString,
        phone: hostileString,
        acquisition: fc.oneof(fc.record({ method: fc.constantFrom('BUSINESS_CARD', 'x'), acquiredOn: hostileString }), field),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await storedCount();
        const response = await app.inject({
          method: 'POST',
          url: '/contacts',
          headers: { authorization: sales, 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) expect(await storedCount()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('loses and duplicates nothing while the broker is down and after it returns', async () => {
    // A database and broker of its own: another service's relay on the same database would publish its rows elsewhere.
    const ownDatabase = await createTestDatabase('contacts_outage');
    const broker = await createPrivateBroker();
    broker.start();
    const ownKafka = createKafka(kafkaConnectionAs(broker, 'admin', 'contacts-outage-test'));
    const outageApp = await startInProcess(
      createContactsApp,
      contactsTestSettings(ownDatabase.url, { ...kafkaSettingsAs(broker, 'admin'), OUTBOX_POLL_MS: '50' }),
    );
    try {
      await registerInContacts(outageApp, ownKafka, [company]);
      const before = (await outageApp.inject({ method: 'POST', url: '/contacts', headers: { authorization: sales }, payload: validBody() })).json();
      await eventually(async () => expect((await readWholeTopic(ownKafka, Topics.contact)).some((m) => m.key === before.id)).toBe(true));

      broker.stop();
      const during: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await outageApp.inject({ method: 'POST', url: '/contacts', headers: { authorization: sales }, payload: validBody() });
        expect(response.statusCode).toBe(201);
        during.push(response.json().id);
      }
      broker.start();

      const messages = await eventually(
        async () => {
          const all = await readWholeTopic(ownKafka, Topics.contact);
          expect(new Set(all.map((m) => m.key))).toEqual(new Set([before.id, ...during]));
          return all;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const eventIds = messages.map((m) => JSON.parse(m.value ?? '{}').eventId);
      expect(new Set(eventIds).size).toBe(4);
    } finally {
      await outageApp.close();
      broker.destroy();
      await ownDatabase.drop();
    }
  }, 180_000);
});
