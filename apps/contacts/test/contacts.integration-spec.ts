import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  createTestDatabase,
  eventually,
  readWholeTopic,
  startInProcess,
  testInfrastructure,
  testSettings,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { DataSource } from 'typeorm';
import { ContactsSettings } from '../src/config/env.validation';
import { createContactsApp } from '../src/contacts.app';

const suffix = uniqueSuffix();
const company = `SALES-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);

function validBody(overrides: Record<string, unknown> = {}) {
  return {
    name: { full: '　佐藤 花子 ', kana: 'サトウ ハナコ' },
    organizationName: 'Example Manufacturing KK',
    address: { postalCode: '１０７００６２', prefecture: '東京都', city: '港区', street: '南青山3-1-30' },
    email: ' Hanako.Sato＠Example.CO.JP',
    phone: '+81 3 1234 5678',
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
  const kafka = createKafka({ brokers: testInfrastructure().kafkaBrokers, clientId: 'contacts-test' });

  const register = (payload: unknown, authorization: string | null = sales) =>
    app.inject({ method: 'POST', url: '/contacts', headers: authorization ? { authorization } : {}, payload: payload as object });
  const storedCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM contacts`))[0].n as number;

  beforeAll(async () => {
    database = await createTestDatabase('contacts');
    app = await startInProcess(createContactsApp, testSettings(ContactsSettings, database.url));
    dataSource = app.get(DataSource);
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
      email: 'Hanako.Sato@example.co.jp',
      phone: '+81312345678',
      fax: '+81312345679',
      acquisition: { method: 'BUSINESS_DISCUSSION', companyCode: company, acquiredBy: `staff-${suffix}` },
      memo: `memo-${suffix}`,
    });

    const message = await eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.contact)).find((m) => m.key === contact.id);
      expect(found).toBeDefined();
      return found;
    });
    const event = JSON.parse(message?.value ?? '{}');
    expect(event).toMatchObject({ eventType: 'ContactRegistered', contactId: contact.id, version: 1, schemaVersion: 1 });
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

  it('shows a contact to its own company and the administrator only', async () => {
    const { id } = (await register(validBody())).json();
    const read = (authorization: string) => app.inject({ method: 'GET', url: `/contacts/${id}`, headers: { authorization } });
    expect((await read(sales)).statusCode).toBe(200);
    expect((await read(bearer('admin', 'GROUP-HD'))).statusCode).toBe(200);
    expect((await read(bearer('sales', `OTHER-${suffix}`))).json()).toMatchObject({ statusCode: 404, code: 'CONTACT_NOT_FOUND' });
  });

  it('acknowledges a registration while Kafka is unreachable, and publishes it once Kafka answers', async () => {
    const offline = await startInProcess(createContactsApp, testSettings(ContactsSettings, database.url, { KAFKA_BROKERS: '127.0.0.1:1' }));
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
});
