import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { companyTopic, deadLetterTopic, Topics, type ContactStateEvent, type JointUseStatus } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, testSettings, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const company = `SUBJ-${suffix}`;
const kafka = createKafka(testKafka('sharing-subject-test'));
const admin = bearer('admin', 'GROUP-HD');

function stateEvent(contactId: string, version: number, jointUse: JointUseStatus): ContactStateEvent {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 2,
    eventType: version === 1 ? 'ContactRegistered' : 'JointUseChanged',
    contactId,
    version,
    jointUse,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01', companyCode: 'STAFFING-JP' },
    items: { name: { full: `Subject ${suffix}` }, organizationName: `Org ${suffix}`, email: `subject.${suffix.toLowerCase()}@example.co.jp`, transactionHistory: [] },
  };
}

async function publish(...messages: { key: string; value: string | null }[]): Promise<void> {
  const producer = createReliableProducer(kafka);
  await producer.connect();
  await producer.send({ topic: Topics.contact, acks: -1, messages });
  await producer.disconnect();
}

describe('sharing follows the person’s own status and erasure', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const copies = async (contactId: string) => (await readWholeTopic(kafka, companyTopic(company))).filter((m) => m.key === contactId).map((m) => m.value);
  const holdings = (contactId: string) => app.inject({ method: 'GET', url: `/shared-contacts/${contactId}/holdings`, headers: { authorization: admin } });

  beforeAll(async () => {
    database = await createTestDatabase('sharing_subject');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-subject-${suffix}` }));
    dataSource = app.get(DataSource);
    const put = await app.inject({
      method: 'PUT',
      url: `/companies/${company}`,
      headers: { authorization: admin },
      payload: { legalName: `${company} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
    });
    expect(put.statusCode).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('withdraws a person who suspends joint use, refuses reads, and delivers again when it is lifted', async () => {
    const contactId = randomUUID();
    await publish({ key: contactId, value: JSON.stringify(stateEvent(contactId, 1, 'ACTIVE')) });
    await eventually(async () => expect(await copies(contactId)).toHaveLength(1), { timeoutMs: 30_000 });
    await publish({ key: contactId, value: JSON.stringify(stateEvent(contactId, 2, 'SUSPENDED')) });
    await eventually(async () => expect(await copies(contactId)).toEqual([expect.any(String), null]), { timeoutMs: 30_000 });
    const refused = await app.inject({ method: 'GET', url: `/shared-contacts/${contactId}?purpose=MARKETING`, headers: { authorization: bearer('company', company) } });
    expect(refused.json()).toMatchObject({ statusCode: 403, code: 'CONTACT_SUSPENDED' });
    expect((await holdings(contactId)).json()).toMatchObject({ subjectStatus: 'SUSPENDED', suspended: true, suspendedByAdmin: false });

    await publish({ key: contactId, value: JSON.stringify(stateEvent(contactId, 3, 'ACTIVE')) });
    await eventually(async () => expect((await copies(contactId)).at(-1)).toContain(`Subject ${suffix}`), { timeoutMs: 30_000 });
  });

  it('never delivers a person held out of joint use', async () => {
    const contactId = randomUUID();
    await publish({ key: contactId, value: JSON.stringify(stateEvent(contactId, 1, 'HELD')) });
    await eventually(async () => expect((await holdings(contactId)).json()).toMatchObject({ subjectStatus: 'HELD', deliveries: [] }));
    expect(await copies(contactId)).toEqual([]);
  });

  it('forgets an erased person: withdrawals, no copy, no outbox payload, and no return on a late event', async () => {
    const contactId = randomUUID();
    const first = stateEvent(contactId, 1, 'ACTIVE');
    await publish({ key: contactId, value: JSON.stringify(first) });
    await eventually(async () => expect(await copies(contactId)).toHaveLength(1), { timeoutMs: 30_000 });

    await publish({ key: contactId, value: null });
    await eventually(async () => expect((await holdings(contactId)).statusCode).toBe(404));
    await eventually(async () => expect((await copies(contactId)).at(-1)).toBeNull(), { timeoutMs: 30_000 });
    const payloads = await dataSource.query(`SELECT 1 FROM outbox WHERE message_key = $1 AND payload::text LIKE $2`, [contactId, `%Subject ${suffix}%`]);
    expect(payloads).toEqual([]);
    const provisions = await dataSource.query(`SELECT payload->>'kind' AS kind FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY id`, [Topics.provision, contactId]);
    expect(provisions.map((p: { kind: string }) => p.kind)).toEqual(['DELIVERED', 'WITHDRAWN']);

    // An old event delivered again does not bring the person back.
    await publish({ key: contactId, value: JSON.stringify({ ...first, eventId: randomUUID(), version: 5 }) });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await holdings(contactId)).statusCode).toBe(404);
  });

  it('deletes the dead letters keyed by an erased person in the erasure, and keeps those keyed otherwise', async () => {
    const contactId = randomUUID();
    const memo = `dead-letter-memo-${suffix}`;
    const first = stateEvent(contactId, 1, 'ACTIVE');
    const malformed = JSON.stringify({ ...first, eventId: randomUUID(), version: 2, items: { ...first.items, memo } });
    await publish({ key: contactId, value: JSON.stringify(first) }, { key: contactId, value: malformed }, { key: `order-${suffix}`, value: malformed });
    const kept = async (key: string) =>
      (await dataSource.query(`SELECT id, convert_from(message_value, 'UTF8') AS value FROM dead_letters WHERE message_key = convert_to($1, 'UTF8')`, [key])) as { id: string; value: string }[];
    const [letter] = await eventually(async () => {
      const rows = await kept(contactId);
      expect(rows).toHaveLength(1);
      return rows;
    }, { timeoutMs: 30_000 });
    expect(letter?.value).toContain(memo);
    await eventually(async () => expect(await kept(`order-${suffix}`)).toHaveLength(1), { timeoutMs: 30_000 });
    const references = await eventually(async () => {
      const found = (await readWholeTopic(kafka, deadLetterTopic(Topics.contact))).filter((m) => m.key === contactId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.parse(references[0]?.value ?? '{}')).toMatchObject({ deadLetterId: letter?.id, key: contactId, topic: Topics.contact, reason: { code: 'MALFORMED_EVENT' } });
    expect(references[0]?.value).not.toContain(memo);

    await publish({ key: contactId, value: null });
    await eventually(async () => expect(await kept(contactId)).toEqual([]), { timeoutMs: 30_000 });
    expect(await kept(`order-${suffix}`)).toHaveLength(1);
  });

  it('dead-letters a tombstone that names no contact, and carries on', async () => {
    await publish({ key: `not-a-contact-${suffix}`, value: null });
    await eventually(async () => expect((await readWholeTopic(kafka, deadLetterTopic(Topics.contact))).some((m) => m.key === `not-a-contact-${suffix}`)).toBe(true), {
      timeoutMs: 30_000,
    });
  });
});
