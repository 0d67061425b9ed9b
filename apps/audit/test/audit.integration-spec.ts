import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessRecordedEvent, deadLetterTopic, ProvisionRecordedEvent, Topics } from '@registry/contracts';
import { randomUUID } from 'node:crypto';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { JOINT_USE_NOTICE } from '@registry/policy';
import {
  bearer,
  createTestDatabase,
  eventually,
  readWholeTopic,
  sampleAccessEvent,
  startInProcess,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { DataSource } from 'typeorm';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();
const company = `JP-${suffix}`;
const admin = bearer('admin', 'GROUP-HD');
const kafka = createKafka(testKafka('audit-test'));

const accessEvent = (overrides: Partial<AccessRecordedEvent> = {}) => sampleAccessEvent({ companyCode: company, ...overrides });

describe('audit', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const list = async (query: string, authorization = admin) => app.inject({ method: 'GET', url: `/audit/accesses?${query}`, headers: { authorization } });

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    app = await startInProcess(createAuditApp, auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-test-${suffix}` }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('stores each access once however often it is delivered, and dead-letters a malformed one', async () => {
    const granted = accessEvent();
    const denied = accessEvent({ outcome: 'DENIED', reason: 'OUTSIDE_JAPAN' });
    const producer = createReliableProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: Topics.access,
      messages: [
        { key: granted.accessId, value: JSON.stringify(granted) },
        { key: granted.accessId, value: JSON.stringify(granted) },
        { key: 'malformed', value: JSON.stringify({ ...accessEvent(), contactIds: ['not-a-uuid'] }) },
        { key: denied.accessId, value: JSON.stringify(denied) },
        { key: denied.accessId, value: JSON.stringify(denied) },
      ],
    });
    await producer.disconnect();

    const records = await eventually(async () => {
      const page = (await list(`companyCode=${company}`)).json();
      expect(page.records).toHaveLength(2);
      return page.records;
    });
    // Different keys may sit on different partitions, so the two arrive in either order.
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accessId: denied.accessId, outcome: 'DENIED', reason: 'OUTSIDE_JAPAN' }),
        expect.objectContaining({ accessId: granted.accessId, outcome: 'GRANTED', reason: null, contactIds: granted.contactIds }),
      ]),
    );
    await eventually(async () => expect((await readWholeTopic(kafka, deadLetterTopic(Topics.access))).some((m) => m.key === 'malformed')).toBe(true));
  });

  it('keeps the notice version each access was decided under, none for events from before it was recorded, and dead-letters a current event without it', async () => {
    const versionCompany = `NV-${suffix}`;
    const current = accessEvent({ companyCode: versionCompany });
    const { noticeVersion: _omitted, ...older } = accessEvent({ companyCode: versionCompany, schemaVersion: 1 });
    const { noticeVersion: _missing, ...incomplete } = accessEvent({ companyCode: versionCompany });
    const producer = createReliableProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: Topics.access,
      messages: [
        { key: current.accessId, value: JSON.stringify(current) },
        { key: older.accessId, value: JSON.stringify(older) },
        { key: `no-notice-${suffix}`, value: JSON.stringify(incomplete) },
      ],
    });
    await producer.disconnect();

    const records = await eventually(async () => {
      const page = (await list(`companyCode=${versionCompany}`)).json();
      expect(page.records).toHaveLength(2);
      return page.records;
    });
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ accessId: current.accessId, noticeVersion: JOINT_USE_NOTICE.version }),
        expect.objectContaining({ accessId: older.accessId, noticeVersion: null }),
      ]),
    );
    const [reference] = await eventually(async () => {
      const found = (await readWholeTopic(kafka, deadLetterTopic(Topics.access))).filter((m) => m.key === `no-notice-${suffix}`);
      expect(found).toHaveLength(1);
      return found;
    });
    // Dead-lettered in batch mode too: the message is a row of audit's database, the topic holds a reference to it.
    const [kept] = await app.get(DataSource).query(`SELECT id, convert_from(message_value, 'UTF8') AS value FROM dead_letters WHERE message_key = convert_to($1, 'UTF8')`, [`no-notice-${suffix}`]);
    expect(JSON.parse(reference?.value ?? '{}')).toMatchObject({ deadLetterId: kept.id, topic: Topics.access, reason: { code: 'MALFORMED_EVENT' } });
    expect(JSON.parse(kept.value)).toMatchObject({ accessId: incomplete.accessId });
    const csv = (await app.inject({ method: 'GET', url: `/audit/accesses/export.csv?companyCode=${versionCompany}`, headers: { authorization: admin } })).body;
    const [header, ...lines] = csv.trim().split('\r\n');
    const column = header?.split(',').indexOf('notice_version') ?? -1;
    expect(column).toBeGreaterThan(-1);
    expect(lines.map((line) => line.split(',')[column]).sort()).toEqual(['', JOINT_USE_NOTICE.version]);
  });

  it('pages through records with a cursor and filters by outcome', async () => {
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const pageCompany = `PAGE-${suffix}`;
    const events = Array.from({ length: 5 }, () => accessEvent({ companyCode: pageCompany }));
    await producer.send({ topic: Topics.access, messages: events.map((e) => ({ key: e.accessId, value: JSON.stringify(e) })) });
    await producer.disconnect();
    await eventually(async () => expect((await list(`companyCode=${pageCompany}`)).json().records).toHaveLength(5));

    const first = (await list(`companyCode=${pageCompany}&limit=3`)).json();
    const second = (await list(`companyCode=${pageCompany}&limit=3&cursor=${first.nextCursor}`)).json();
    expect(first.records).toHaveLength(3);
    expect(second.records).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.records, ...second.records].map((r: { accessId: string }) => r.accessId)).size).toBe(5);
    expect((await list(`companyCode=${pageCompany}&outcome=DENIED`)).json().records).toHaveLength(0);
  });

  it('refuses bad filters with 400 naming them', async () => {
    const response = await list('outcome=MAYBE&limit=100000');
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'outcome']);
  });

  it('shows the record to the administrator only', async () => {
    expect((await app.inject({ method: 'GET', url: '/audit/accesses' })).statusCode).toBe(401);
    expect((await list('', bearer('company', company))).statusCode).toBe(403);
    expect((await list('', bearer('sales', company))).statusCode).toBe(403);
  });

  it('keeps the record of provision per data subject, each delivery once', async () => {
    const contactId = randomUUID();
    const provision = (companyCode: string, kind: 'DELIVERED' | 'WITHDRAWN'): ProvisionRecordedEvent => ({
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      schemaVersion: ProvisionRecordedEvent.currentSchemaVersion,
      eventType: 'ProvisionRecorded',
      provisionId: randomUUID(),
      companyCode,
      contactId,
      version: 1,
      kind,
      purposes: ['PRODUCT_INFO', 'MARKETING'],
      providedAt: new Date().toISOString(),
      noticeVersion: JOINT_USE_NOTICE.version,
      acquisitionNoticeVersion: '2022-04-01',
    });
    // Recorded before the notice version was: schema version 1, no noticeVersion.
    const { noticeVersion: _omitted, acquisitionNoticeVersion: _absent, ...older } = { ...provision(`JP-${suffix}`, 'DELIVERED'), schemaVersion: 1 };
    // Recorded before the acquisition's notice version was: schema version 2.
    const { acquisitionNoticeVersion: _notYet, ...second } = { ...provision(`JP-${suffix}`, 'DELIVERED'), schemaVersion: 2 };
    const delivered = provision(`JP-${suffix}`, 'DELIVERED');
    const withdrawn = provision(`JP-${suffix}`, 'WITHDRAWN');
    const producer = createReliableProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: Topics.provision,
      messages: [older, second, delivered, delivered, withdrawn].map((event) => ({ key: contactId, value: JSON.stringify(event) })),
    });
    await producer.disconnect();
    const records = await eventually(async () => {
      const page = (await app.inject({ method: 'GET', url: `/audit/provisions?contactId=${contactId}`, headers: { authorization: admin } })).json();
      expect(page.records).toHaveLength(4);
      return page.records;
    });
    expect(records.map((r: { kind: string; noticeVersion: string | null; acquisitionNoticeVersion: string | null }) => [r.kind, r.noticeVersion, r.acquisitionNoticeVersion])).toEqual([
      ['WITHDRAWN', JOINT_USE_NOTICE.version, '2022-04-01'],
      ['DELIVERED', JOINT_USE_NOTICE.version, '2022-04-01'],
      ['DELIVERED', JOINT_USE_NOTICE.version, null],
      ['DELIVERED', null, null],
    ]);
    const recordOfProvision = (await app.inject({ method: 'GET', url: `/audit/contacts/${contactId}/record-of-provision`, headers: { authorization: admin } })).json();
    expect(recordOfProvision.provisions.map((p: { noticeVersion: string | null; acquisitionNoticeVersion: string | null }) => [p.noticeVersion, p.acquisitionNoticeVersion])).toEqual([
      [null, null],
      [JOINT_USE_NOTICE.version, null],
      [JOINT_USE_NOTICE.version, '2022-04-01'],
      [JOINT_USE_NOTICE.version, '2022-04-01'],
    ]);
    // The chain holds: records with and without the added field verify alike.
    const verified = (await app.inject({ method: 'GET', url: '/audit/verify?full=true', headers: { authorization: admin } })).json();
    expect(verified).toMatchObject({ status: 'INTACT' });
    expect((await app.inject({ method: 'GET', url: `/audit/provisions?contactId=${contactId}`, headers: { authorization: bearer('company', company) } })).statusCode).toBe(403);
  });
});
