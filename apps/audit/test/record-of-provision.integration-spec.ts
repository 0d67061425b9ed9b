import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessRecordedEvent, ProvisionRecordedEvent, Topics } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { JOINT_USE_NOTICE } from '@registry/policy';
import { bearer, createTestDatabase, eventually, sampleAccessEvent, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { ProvisionRecordsService } from '../src/provisions/provision-records.service';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();
const admin = bearer('admin', 'GROUP-HD');
const kafka = createKafka(testKafka('audit-record-test'));

interface Page {
  contactId: string;
  provisions: { seq: string; companyCode: string; kind: string }[];
  accesses: { seq: string; companyCode: string; outcome: string }[];
  total: { entries: number; provisions: number; accesses: number };
  nextCursor: string | null;
}

const provisionEvent = (contactId: string, companyCode: string, kind: 'DELIVERED' | 'WITHDRAWN' = 'DELIVERED'): ProvisionRecordedEvent => ({
  eventId: randomUUID(),
  occurredAt: new Date().toISOString(),
  schemaVersion: ProvisionRecordedEvent.currentSchemaVersion,
  eventType: 'ProvisionRecorded',
  provisionId: randomUUID(),
  companyCode,
  contactId,
  version: 1,
  kind,
  purposes: ['PRODUCT_INFO'],
  providedAt: new Date().toISOString(),
  noticeVersion: JOINT_USE_NOTICE.version,
  acquisitionNoticeVersion: JOINT_USE_NOTICE.version,
});

describe('record of provision, paged', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;

  const get = async (url: string, authorization = admin) => app.inject({ method: 'GET', url, headers: { authorization } });
  const page = async (contactId: string, query: string): Promise<Page> => {
    const response = await get(`/audit/contacts/${contactId}/record-of-provision?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as Page;
  };
  const send = async (topic: string, events: (ProvisionRecordedEvent | AccessRecordedEvent)[]) => {
    const producer = createReliableProducer(kafka);
    await producer.connect();
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({ topic, messages: events.slice(i, i + 500).map((event) => ({ key: 'contactId' in event ? event.contactId : event.accessId, value: JSON.stringify(event) })) });
    }
    await producer.disconnect();
  };

  beforeAll(async () => {
    database = await createTestDatabase('audit_record');
    app = await startInProcess(createAuditApp, auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-record-test-${suffix}` }));
    owner = new Client({ connectionString: database.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('reads a record of many pages completely by following the cursor, entries recorded meanwhile included, none twice', async () => {
    const contactId = randomUUID();
    const company = `REC-${suffix}`;
    const provisions = Array.from({ length: 1200 }, (_, i) => provisionEvent(contactId, company, i % 2 === 0 ? 'DELIVERED' : 'WITHDRAWN'));
    const reads = Array.from({ length: 1300 }, (_, i) => sampleAccessEvent({ companyCode: company, contactIds: i % 3 === 0 ? [contactId, randomUUID()] : [contactId] }));
    // Not part of this person's record: a refused read, and other people's provisions and reads.
    const others = [sampleAccessEvent({ companyCode: company, contactIds: [contactId], outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' }), sampleAccessEvent({ companyCode: company })];
    await send(Topics.provision, [...provisions, provisionEvent(randomUUID(), company)]);
    await send(Topics.access, [...reads, ...others]);
    await eventually(async () => expect((await page(contactId, 'limit=1')).total).toEqual({ entries: 2500, provisions: 1200, accesses: 1300 }), { timeoutMs: 60_000 });

    const seen = { provisions: [] as string[], accesses: [] as string[] };
    let cursor: string | null = null;
    let pages = 0;
    const lateProvisions = Array.from({ length: 7 }, () => provisionEvent(contactId, company));
    const lateReads = Array.from({ length: 9 }, () => sampleAccessEvent({ companyCode: company, contactIds: [contactId] }));
    do {
      const current: Page = await page(contactId, `limit=400${cursor ? `&cursor=${cursor}` : ''}`);
      expect(current.provisions.length + current.accesses.length).toBeLessThanOrEqual(400);
      seen.provisions.push(...current.provisions.map((p) => p.seq));
      seen.accesses.push(...current.accesses.map((a) => a.seq));
      expect(current.accesses.every((a) => a.outcome === 'GRANTED')).toBe(true);
      cursor = current.nextCursor;
      pages += 1;
      if (pages === 4) {
        // Past every provision and into the reads: more of both are recorded now, and must still come.
        expect(seen.provisions).toHaveLength(1200);
        expect(seen.accesses.length).toBeGreaterThan(0);
        await send(Topics.provision, lateProvisions);
        await send(Topics.access, lateReads);
        await eventually(async () => expect((await page(contactId, 'limit=1')).total.entries).toBe(2516), { timeoutMs: 60_000 });
      }
    } while (cursor);

    const seqs = async (sql: string) => (await owner.query<{ seq: string }>(sql, [contactId])).rows.map((row) => row.seq);
    const expected = {
      provisions: await seqs(`SELECT seq FROM provision_records WHERE contact_id = $1 ORDER BY seq`),
      accesses: await seqs(`SELECT seq FROM access_records WHERE contact_ids @> ARRAY[$1]::uuid[] AND outcome = 'GRANTED' ORDER BY seq`),
    };
    expect(expected.provisions).toHaveLength(1207);
    expect(expected.accesses).toHaveLength(1309);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(2516 / 400));
  }, 180_000);

  it('answers a person without records with an empty last page', async () => {
    expect(await page(randomUUID(), '')).toEqual(expect.objectContaining({ provisions: [], accesses: [], total: { entries: 0, provisions: 0, accesses: 0 }, nextCursor: null }));
  });

  it('ends exactly at the last entry: a record that fills its last page has no further cursor', async () => {
    const contactId = randomUUID();
    await send(Topics.provision, [provisionEvent(contactId, `EX-${suffix}`), provisionEvent(contactId, `EX-${suffix}`)]);
    await send(Topics.access, [sampleAccessEvent({ contactIds: [contactId] })]);
    await eventually(async () => expect((await page(contactId, 'limit=3')).total.entries).toBe(3));
    const whole = await page(contactId, 'limit=3');
    expect([whole.provisions.length, whole.accesses.length, whole.nextCursor]).toEqual([2, 1, null]);
    const first = await page(contactId, 'limit=2');
    expect([first.provisions.length, first.accesses.length, typeof first.nextCursor]).toEqual([2, 0, 'string']);
    const second = await page(contactId, `limit=2&cursor=${first.nextCursor}`);
    expect([second.provisions.length, second.accesses.length, second.nextCursor]).toEqual([0, 1, null]);
  });

  it('refuses a bad page size or cursor, naming the field and the rule', async () => {
    const contactId = randomUUID();
    const url = `/audit/contacts/${contactId}/record-of-provision`;
    for (const [query, rule] of [
      ['limit=0', 'min'],
      ['limit=1001', 'max'],
      ['limit=2.5', 'isInt'],
      ['limit=many', 'isInt'],
    ] as const) {
      const response = await get(`${url}?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'limit', rule })]) }));
    }
    for (const cursor of ['not a cursor!', Buffer.from('12').toString('base64url'), Buffer.from('1.x').toString('base64url')]) {
      const response = await get(`${url}?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    expect((await get(`${url}?offset=10`)).statusCode).toBe(400);
    expect((await get(url, bearer('company', 'STAFFING-JP'))).statusCode).toBe(403);
  });

  it('documents the paged envelope and the refusals in the API description', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    const operation = document.paths['/audit/contacts/{contactId}/record-of-provision'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['contactId', 'cursor', 'limit']);
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RecordOfProvisionPageResponse' });
    for (const status of ['400', '401', '403']) expect(operation.responses[status].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RegistryErrorDto' });
    expect(Object.keys(document.components.schemas.RecordOfProvisionPageResponse.properties).sort()).toEqual(['accesses', 'contactId', 'nextCursor', 'provisions', 'total']);
    expect(document.paths['/audit/accesses/export.csv'].get.description).toContain('byte order mark');
  });

  it('reads each page from an index that keeps the order, not by scanning or sorting the tables', async () => {
    // One person with a long record, appended the way the consumers append them, among many people with short ones.
    const contactId = randomUUID();
    await app.get(ProvisionRecordsService).ingest(Array.from({ length: 1000 }, () => provisionEvent(contactId, `IDX-${suffix}`)));
    await app.get(AccessRecordsService).ingest(Array.from({ length: 50 }, () => sampleAccessEvent({ companyCode: `IDX-${suffix}`, contactIds: [contactId] })));
    // The others straight into the table, numbered far beyond the chain's head: this test reads, and 200,000 chained appends would take minutes.
    await owner.query(`
      INSERT INTO provision_records (seq, event_id, provision_id, company_code, contact_id, version, kind, purposes, provided_at, recorded_at, prev_hash, hash)
      SELECT 1000000000000 + i, gen_random_uuid(), gen_random_uuid(), 'IDX-OTHERS', gen_random_uuid(), 1, 'DELIVERED', ARRAY['PRODUCT_INFO'], now(), now(), repeat('0', 64), repeat('0', 64)
      FROM generate_series(1, 200000) AS i`);
    await owner.query(`
      INSERT INTO access_records (seq, event_id, access_id, company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at, recorded_at, prev_hash, hash)
      SELECT 1000000000000 + i, gen_random_uuid(), gen_random_uuid(), 'IDX-OTHERS', 'crm-sync', 'READ_CONTACT', 'PRODUCT_INFO', ARRAY[gen_random_uuid()], 'GRANTED', NULL, now(), now(), repeat('0', 64), repeat('0', 64)
      FROM generate_series(1, 200000) AS i`);
    // As the owner: statistics are the owner's to gather, and the service's role may not.
    await owner.query(`ANALYZE provision_records`);
    await owner.query(`ANALYZE access_records`);
    const provisionPlan = JSON.stringify(
      (await owner.query(`EXPLAIN (FORMAT JSON) SELECT seq, company_code, kind, version, purposes, provided_at, notice_version, acquisition_notice_version FROM provision_records WHERE contact_id = $1 AND seq > $2 ORDER BY seq LIMIT 501`, [contactId, '0'])).rows,
    );
    expect(provisionPlan).toContain('provision_records_by_contact');
    expect({ seqScan: provisionPlan.includes('"Seq Scan"'), sort: provisionPlan.includes('"Sort"') }).toEqual({ seqScan: false, sort: false });
    const accessPlan = JSON.stringify(
      (
        await owner.query(
          `EXPLAIN (FORMAT JSON) SELECT seq, company_code, operation, purpose, outcome, reason, accessed_at, requested_by, notice_version,
                  acquisition_notice_versions[array_position(contact_ids, $1::uuid)] AS acquisition_notice_version FROM access_records WHERE contact_ids @> ARRAY[$1]::uuid[] AND outcome = 'GRANTED' AND seq > $2 ORDER BY seq LIMIT 501`,
          [contactId, '0'],
        )
      ).rows,
    );
    expect(accessPlan).toContain('access_records_by_contact');
    expect(accessPlan.includes('"Seq Scan"')).toBe(false);
  });

  it('exports CSV that Excel opens with Japanese intact: a byte order mark first, CRLF, formulas still defused', async () => {
    const company = `CSV-${suffix}`;
    await send(Topics.access, [
      sampleAccessEvent({ companyCode: company, requestedBy: '営業部 山田太郎（ｶﾅ）' }),
      sampleAccessEvent({ companyCode: company, requestedBy: '=HYPERLINK("http://x","開く")' }),
    ]);
    await eventually(async () => expect((await get(`/audit/accesses?companyCode=${company}`)).json().records).toHaveLength(2));
    const response = await get(`/audit/accesses/export.csv?companyCode=${company}`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(lines.some((line) => line.includes(',営業部 山田太郎（ｶﾅ）,'))).toBe(true);
    expect(lines.some((line) => line.includes(`,"'=HYPERLINK(""http://x"",""開く"")",`))).toBe(true);
  });
});
