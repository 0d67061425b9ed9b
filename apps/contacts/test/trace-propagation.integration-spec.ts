import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';
import { createContactsApp } from '../src/contacts.app';

const suffix = uniqueSuffix();
const company = `TRACE-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);

function registration(n: number) {
  return {
    name: { full: `追跡 太郎${n}`, kana: 'ツイセキ タロウ' },
    organizationName: 'Trace Example KK',
    email: `taro.${n}.${suffix.toLowerCase()}@trace.example.co.jp`,
    phone: `03-5${String(n).padStart(3, '0')}-${String(Date.now() % 10_000).padStart(4, '0')}`,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
  };
}

/** The trace of a registration reaches the contact event: the request's span is stored with the outbox row and sent as its traceparent. */
describe('trace context from a registration to its contact event', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const kafka = createKafka(testKafka('contacts-trace-test'));

  beforeAll(async () => {
    database = await createTestDatabase('contacts_trace');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const contactEventOf = async (contactId: string) => {
    let found: Awaited<ReturnType<typeof readWholeTopic>>[number] | undefined;
    await eventually(async () => {
      found = (await readWholeTopic(kafka, Topics.contact)).find((message) => message.key === contactId);
      expect(found).toBeDefined();
    });
    return found as NonNullable<typeof found>;
  };

  it('continues an incoming traceparent: the contact event carries the same trace id, as the child of the request', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await app.inject({
      method: 'POST',
      url: '/contacts',
      headers: { authorization: sales, traceparent: `00-${traceId}-${callerSpanId}-01`, tracestate: 'caller=1' },
      payload: registration(1),
    });
    expect(response.statusCode).toBe(201);
    const contactId: string = response.json().id;

    const [row] = await app.get(DataSource).query(`SELECT trace_context FROM outbox WHERE message_key = $1 AND topic = $2`, [contactId, Topics.contact]);
    expect(row.trace_context).toEqual({ traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`)), tracestate: 'caller=1' });

    const message = await contactEventOf(contactId);
    const traceparent = message.headers?.['traceparent']?.toString() ?? '';
    expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(traceparent.split('-')[2]).not.toBe(callerSpanId);
    expect(message.headers?.['tracestate']?.toString()).toBe('caller=1');
  });

  it('starts a trace for a request that brings none, and its event carries it', async () => {
    const response = await app.inject({ method: 'POST', url: '/contacts', headers: { authorization: sales }, payload: registration(2) });
    expect(response.statusCode).toBe(201);
    const message = await contactEventOf(response.json().id);
    expect(message.headers?.['traceparent']?.toString()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
