import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { companyTopic, Topics, type ContactStateEvent } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { NOTICE_REVISIONS, NoticeRevisions, type JointUseNoticeShape, type NoticeRevision } from '@registry/policy';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, testSettings, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

// Sharing decides by a synthetic list of notice revisions, supplied when the application is created:
// - 2022-04-01: no fax number, and no equity-method affiliates among the joint users;
// - 2026-11-01: the fax number added, and equity-method affiliates admitted (in force since);
// - 2099-04-01: published 2026-11-15, the STATISTICS purpose dropped: announced, not yet in force.
// A person acquired under the first revision keeps its scope; one acquired under the second, or who consented to it, gets its own.

const suffix = uniqueSuffix();
const kafka = createKafka(testKafka('sharing-notice-revisions-test'));
const FIRST = NOTICE_REVISIONS[0]!.notice;
const SUMMARY = { ja: '改定。', en: 'Revised.' };

const narrow = (notice: JointUseNoticeShape): JointUseNoticeShape => ({
  ...notice,
  sharedItems: notice.sharedItems.filter((item) => item.key !== 'fax'),
  jointUsers: { ...notice.jointUsers, relationships: notice.jointUsers.relationships.filter((r) => r.code !== 'EQUITY_METHOD_AFFILIATE') },
});
const revision = (version: string, publishedOn: string, changes: NoticeRevision['changes'], notice: JointUseNoticeShape): NoticeRevision => ({
  version,
  publishedOn,
  effectiveFrom: version,
  changes,
  summary: SUMMARY,
  notice: { ...notice, version },
});
const REVISIONS = new NoticeRevisions([
  revision('2022-04-01', '2022-04-01', [], narrow(FIRST)),
  revision('2026-11-01', '2026-11-01', ['ITEMS_ADDED', 'JOINT_USERS_WIDENED'], FIRST),
  revision('2099-04-01', '2026-11-15', ['PURPOSES'], { ...FIRST, purposes: FIRST.purposes.filter((p) => p.code !== 'STATISTICS') }),
]);

const SUB = `SUB-${suffix}`;
const AFF = `AFF-${suffix}`;
const FAX = '+81312345679';

function contactEvent(contactId: string, fullName: string, noticeVersion?: string): ContactStateEvent {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: noticeVersion ? 3 : 2,
    eventType: 'ContactRegistered',
    contactId,
    version: 1,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-02', companyCode: 'STAFFING-JP' },
    items: { name: { full: fullName }, organizationName: `Org ${suffix}`, email: 'a@example.co.jp', fax: FAX, transactionHistory: [] },
    jointUse: 'ACTIVE',
    ...(noticeVersion ? { noticeVersion } : {}),
  };
}

describe('sharing under revisions of the notice', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const contacts = { old: randomUUID(), acquiredUnderNew: randomUUID(), consented: randomUUID() };

  const get = (url: string, authorization?: string) => app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
  const deliveredTo = async (company: string, contactId: string) =>
    (await readWholeTopic(kafka, companyTopic(company))).filter((m) => m.key === contactId).map((m) => JSON.parse(m.value ?? 'null'));
  const provisionsOf = async (contactId: string) =>
    (await readWholeTopic(kafka, Topics.provision)).filter((m) => m.key === contactId).map((m) => JSON.parse(m.value ?? '{}'));

  beforeAll(async () => {
    database = await createTestDatabase('sharing_notice_revisions');
    app = await startInProcess(
      (settings: SharingSettings) => createSharingApp(settings, { noticeRevisions: REVISIONS }),
      testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-notice-revisions-${suffix}` }),
    );
    for (const [code, relationship] of [
      [SUB, 'CONSOLIDATED_SUBSIDIARY'],
      [AFF, 'EQUITY_METHOD_AFFILIATE'],
    ]) {
      const response = await app.inject({
        method: 'PUT',
        url: `/companies/${code}`,
        headers: { authorization: bearer('admin', 'GROUP-HD') },
        payload: { legalName: `${code} KK`, country: 'JP', relationship, joinedOn: '2020-04-01', active: true },
      });
      expect(response.statusCode).toBe(200);
    }
    const producer = createReliableProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: Topics.contact,
      acks: -1,
      messages: [
        // Acquired before revisions were recorded (schema version 2): the first revision covers them.
        { key: contacts.old, value: JSON.stringify(contactEvent(contacts.old, 'Old Person')) },
        { key: contacts.acquiredUnderNew, value: JSON.stringify(contactEvent(contacts.acquiredUnderNew, 'New Person', '2026-11-01')) },
        // Consent recorded on November 20 under the revision then in force.
        { key: contacts.consented, value: JSON.stringify(contactEvent(contacts.consented, 'Consenting Person', '2026-11-20')) },
      ],
    });
    await producer.disconnect();
    const dataSource = app.get(DataSource);
    await eventually(async () => {
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [Object.values(contacts)]);
      expect(count).toBe(3);
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('stores the revision that covers each person, the first for an event that names none', async () => {
    const rows = (await app.get(DataSource).query(`SELECT contact_id, notice_version FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [Object.values(contacts)])) as {
      contact_id: string;
      notice_version: string | null;
    }[];
    expect(Object.fromEntries(rows.map((row) => [row.contact_id, row.notice_version]))).toEqual({
      [contacts.old]: null,
      [contacts.acquiredUnderNew]: '2026-11-01',
      [contacts.consented]: '2026-11-20',
    });
  });

  it('does not give a person acquired under the old revision the added item, nor to the newly admitted company', async () => {
    const [atSubsidiary] = await eventually(async () => {
      const found = await deliveredTo(SUB, contacts.old);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(atSubsidiary.items).toMatchObject({ name: { full: 'Old Person' }, email: 'a@example.co.jp' });
    expect(atSubsidiary.items).not.toHaveProperty('fax');
    const provisions = await eventually(async () => {
      const found = await provisionsOf(contacts.old);
      expect(found).toHaveLength(1);
      return found;
    });
    // Purposes and the notice version follow the revision in force; the covering revision is the first.
    expect(provisions[0]).toMatchObject({ companyCode: SUB, kind: 'DELIVERED', schemaVersion: 3, noticeVersion: '2026-11-01', acquisitionNoticeVersion: '2022-04-01' });
    expect(provisions[0].purposes).toContain('STATISTICS');
    expect(await deliveredTo(AFF, contacts.old)).toEqual([]);
  });

  it.each([
    ['acquired under the new revision', 'acquiredUnderNew'],
    ['who consented under it', 'consented'],
  ] as const)('gives a person %s the added item, and reaches the newly admitted company', async (_how, which) => {
    const contactId = contacts[which];
    for (const company of [SUB, AFF]) {
      const [delivered] = await eventually(async () => {
        const found = await deliveredTo(company, contactId);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(delivered.items).toMatchObject({ fax: FAX });
    }
    const provisions = await eventually(async () => {
      const found = await provisionsOf(contactId);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(provisions.map((p) => [p.companyCode, p.noticeVersion, p.acquisitionNoticeVersion]).sort()).toEqual([
      [AFF, '2026-11-01', '2026-11-01'],
      [SUB, '2026-11-01', '2026-11-01'],
    ]);
  });

  it('answers reads by each person’s scope, and records the revision covering each person read', async () => {
    const outbox = async (accessId: string) => (await app.get(DataSource).query(`SELECT payload FROM outbox WHERE payload->>'accessId' = $1`, [accessId]))[0]?.payload;

    const old = await get(`/shared-contacts/${contacts.old}?purpose=MARKETING`, bearer('company', SUB));
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ name: { full: 'Old Person' }, fax: null });
    expect(await outbox(old.json().accessId)).toMatchObject({ outcome: 'GRANTED', noticeVersion: '2026-11-01', acquisitionNoticeVersions: ['2022-04-01'] });

    const fresh = await get(`/shared-contacts/${contacts.acquiredUnderNew}?purpose=MARKETING`, bearer('company', SUB));
    expect(fresh.json()).toMatchObject({ name: { full: 'New Person' }, fax: FAX });

    // The affiliate was admitted by the later revision: to it, the old person is not shared at all.
    const refused = await get(`/shared-contacts/${contacts.old}?purpose=MARKETING`, bearer('company', AFF));
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Old Person');
    expect(await outbox(refused.json().details.accessId)).toMatchObject({ outcome: 'DENIED', reason: 'CONTACT_NOT_FOUND', acquisitionNoticeVersions: ['2022-04-01'] });

    const search = await get(`/shared-contacts?purpose=MARKETING&organization=${encodeURIComponent(`Org ${suffix}`)}`, bearer('company', AFF));
    expect(search.statusCode).toBe(200);
    const found = search.json().contacts.map((c: { contactId: string }) => c.contactId).sort();
    expect(found).toEqual([contacts.acquiredUnderNew, contacts.consented].sort());
    const record = await outbox(search.json().accessId);
    expect(record.acquisitionNoticeVersions).toEqual(record.contactIds.map(() => '2026-11-01'));
  });

  it('keeps a change of purposes announced in advance out of force until its date, and lists it', async () => {
    const notice = (await get('/joint-use-notice')).json();
    expect(notice.version).toBe('2026-11-01');
    expect(notice.purposes.map((p: { code: string }) => p.code)).toContain('STATISTICS');
    const statistics = await get('/shared-contacts/statistics?purpose=STATISTICS&by=acquisitionMethod', bearer('company', SUB));
    expect(statistics.statusCode).toBe(200);
    const revisions = (await get('/joint-use-notice/revisions')).json().revisions;
    expect(revisions.map((r: { version: string; publishedOn: string; changes: string[]; inForce: boolean }) => [r.version, r.publishedOn, r.changes, r.inForce])).toEqual([
      ['2022-04-01', '2022-04-01', [], false],
      ['2026-11-01', '2026-11-01', ['ITEMS_ADDED', 'JOINT_USERS_WIDENED'], true],
      ['2099-04-01', '2026-11-15', ['PURPOSES'], false],
    ]);
    const page = (await get('/joint-use-notice?format=html&lang=en')).body;
    expect(page).toContain('In force from <time datetime="2099-04-01">April 1, 2099</time> · Kind of change: Purposes of use');
  });

  it('refuses to start with a revision list that breaks the rules, naming the revision', () => {
    expect(
      () =>
        new NoticeRevisions([
          revision('2022-04-01', '2022-04-01', [], FIRST),
          revision('2026-12-01', '2026-12-01', ['PURPOSES'], { ...FIRST, purposes: FIRST.purposes.filter((p) => p.code !== 'STATISTICS') }),
        ]),
    ).toThrow(/notice revision 2 \(2026-12-01\): changes PURPOSES, which take effect only from a date after publication/);
  });
});
