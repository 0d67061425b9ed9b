import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { companyTopic, ContactStateEvent, deadLetterTopic, Topics } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { CELL_KEY_RANGE, cellKey, JOINT_USE_NOTICE, NOTICE_REVISIONS, perturbCount, publishTable, recordKey, type KeyedCell } from '@registry/policy';
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
  testSettings,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const kafka = createKafka(testKafka('sharing-test'));
const admin = bearer('admin', 'GROUP-HD');
const CELL_KEY_SECRET = `statistics-cell-key-secret-${suffix}-for-tests`;
const perturbation = { minCell: 5, maxNoise: 2 };

function contactEvent(contactId: string, version: number, fullName: string, organizationName = `Org ${suffix}`, prefecture = '東京都'): ContactStateEvent {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    eventType: version === 1 ? 'ContactRegistered' : 'ContactCorrected',
    contactId,
    version,
    acquisition: { method: 'EVENT_APPLICATION', acquiredOn: '2026-11-01', companyCode: 'STAFFING-JP' },
    items: {
      name: { full: fullName },
      organizationName,
      address: { postalCode: '107-0062', prefecture, city: '港区' },
      email: 'a@example.co.jp',
      transactionHistory: [],
    },
  };
}

async function publish(...messages: { key: string; value: string }[]): Promise<void> {
  const producer = createReliableProducer(kafka);
  await producer.connect();
  await producer.send({ topic: Topics.contact, acks: -1, messages });
  await producer.disconnect();
}

describe('sharing', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const get = (url: string, authorization?: string) => app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
  const putCompany = (code: string, body: Record<string, unknown>) =>
    app.inject({
      method: 'PUT',
      url: `/companies/${code}`,
      headers: { authorization: admin },
      payload: { legalName: `${code} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true, ...body },
    });
  const sharedRow = async (contactId: string) =>
    (await dataSource.query(`SELECT * FROM shared_contacts WHERE contact_id = $1`, [contactId]))[0] as Record<string, unknown> | undefined;
  const accessRecord = async (accessId: string) =>
    (await dataSource.query(`SELECT payload FROM outbox WHERE payload->>'accessId' = $1`, [accessId]))[0]?.payload as Record<string, unknown> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('sharing');
    app = await startInProcess(
      createSharingApp,
      testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-test-${suffix}`, STATISTICS_CELL_KEY_SECRET: CELL_KEY_SECRET }),
    );
    dataSource = app.get(DataSource);
    for (const [code, body] of Object.entries({
      [`JP-${suffix}`]: {},
      [`AFF-${suffix}`]: { relationship: 'EQUITY_METHOD_AFFILIATE' },
      [`LEFT-${suffix}`]: { leftOn: '2024-03-31' },
      [`OFF-${suffix}`]: { active: false },
      [`US-${suffix}`]: { country: 'US' },
    })) {
      expect((await putCompany(code, body)).statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('projection of contact events', () => {
    it('stores the allowed items once, whatever the redeliveries, and never lets an older version win', async () => {
      const contactId = randomUUID();
      const v1 = contactEvent(contactId, 1, 'First Name');
      const v2 = contactEvent(contactId, 2, 'Corrected Name');
      await publish(
        { key: contactId, value: JSON.stringify(v1) },
        { key: contactId, value: JSON.stringify(v2) },
        { key: contactId, value: JSON.stringify(v1) },
        { key: contactId, value: JSON.stringify({ ...v1, eventId: randomUUID() }) },
      );
      await eventually(async () => expect(await sharedRow(contactId)).toMatchObject({ version: 2, name_full: 'Corrected Name' }));
      const [{ claimed }] = await dataSource.query(`SELECT count(*)::int AS claimed FROM processed_events WHERE event_id = ANY($1::uuid[])`, [
        [v1.eventId, v2.eventId],
      ]);
      expect(claimed).toBe(2);
    });

    it('dead-letters an event carrying an item outside the allow-list and carries on', async () => {
      const leaking = contactEvent(randomUUID(), 1, 'Leaking');
      const next = contactEvent(randomUUID(), 1, 'Next');
      const memo = `memo-${suffix}`;
      await publish(
        { key: leaking.contactId, value: JSON.stringify({ ...leaking, items: { ...leaking.items, memo } }) },
        { key: next.contactId, value: JSON.stringify(next) },
      );
      await eventually(async () => expect(await sharedRow(next.contactId)).toMatchObject({ name_full: 'Next' }));
      expect(await sharedRow(leaking.contactId)).toBeUndefined();
      const references = await eventually(async () => {
        const dead = (await readWholeTopic(kafka, deadLetterTopic(Topics.contact))).filter((message) => message.key === leaking.contactId);
        expect(dead).toHaveLength(1);
        return dead;
      });
      // The topic gets a reference; the message itself is a row here, deleted if the person is erased.
      expect(references[0]?.value).not.toContain(memo);
      const [{ kept }] = await dataSource.query(`SELECT count(*)::int AS kept FROM dead_letters WHERE position(convert_to($1, 'UTF8') IN message_value) > 0`, [memo]);
      expect(kept).toBe(1);
      const [{ found }] = await dataSource.query(
        `SELECT count(*)::int AS found FROM shared_contacts WHERE to_jsonb(shared_contacts.*)::text LIKE $1`,
        [`%${memo}%`],
      );
      expect(found).toBe(0);
    });
  });

  describe('purpose-bound reads', () => {
    let contactId: string;

    beforeAll(async () => {
      contactId = randomUUID();
      await publish({ key: contactId, value: JSON.stringify(contactEvent(contactId, 1, 'Reader Test')) });
      await eventually(async () => expect(await sharedRow(contactId)).toBeDefined());
    });

    it.each(['JP', 'AFF'])('grants an active domestic group company (%s) and records the read', async (prefix) => {
      const response = await get(`/shared-contacts/${contactId}?purpose=MARKETING`, bearer('company', `${prefix}-${suffix}`));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ contactId, name: { full: 'Reader Test' }, purpose: 'MARKETING' });
      expect(await accessRecord(body.accessId)).toMatchObject({
        outcome: 'GRANTED',
        reason: null,
        companyCode: `${prefix}-${suffix}`,
        contactIds: [contactId],
        schemaVersion: 3,
        noticeVersion: JOINT_USE_NOTICE.version,
        // A schema version 1 contact event names no revision: the first covers the person.
        acquisitionNoticeVersions: [NOTICE_REVISIONS[0]?.version],
      });
    });

    it.each([
      ['JP', 'STATISTICS', 403, 'PURPOSE_NOT_ALLOWED'],
      ['US', 'MARKETING', 403, 'OUTSIDE_JAPAN'],
      ['LEFT', 'MARKETING', 403, 'LEFT_GROUP'],
      ['OFF', 'MARKETING', 403, 'INACTIVE'],
      ['JP', 'RECRUITMENT', 403, 'PURPOSE_NOT_ALLOWED'],
      ['JP', '', 400, 'PURPOSE_MISSING'],
    ])('refuses %s for purpose "%s" with %i %s, and records the refusal', async (prefix, purpose, status, reason) => {
      const response = await get(`/shared-contacts/${contactId}?purpose=${purpose}`, bearer('company', `${prefix}-${suffix}`));
      expect(response.statusCode).toBe(status);
      const body = response.json();
      expect(body).toMatchObject({ statusCode: status, code: reason });
      expect(response.body).not.toContain('Reader Test');
      expect(await accessRecord(body.details.accessId)).toMatchObject({ outcome: 'DENIED', reason, contactIds: [contactId], noticeVersion: JOINT_USE_NOTICE.version });
    });

    // A company the register does not name is refused when its token is checked, before any read is decided.
    it('refuses a company not in the register with 403 COMPANY_NOT_IN_REGISTER, before any read is decided', async () => {
      const response = await get(`/shared-contacts/${contactId}?purpose=MARKETING`, bearer('company', `NOBODY-${suffix}`));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ statusCode: 403, code: 'COMPANY_NOT_IN_REGISTER' });
      expect(response.body).not.toContain('Reader Test');
      expect(response.json().details).toBeUndefined();
    });

    it('refuses a suspended contact with 403 CONTACT_SUSPENDED, and records the refusal', async () => {
      const suspendedId = randomUUID();
      await publish({ key: suspendedId, value: JSON.stringify(contactEvent(suspendedId, 1, 'Suspended Person')) });
      await eventually(async () => expect(await sharedRow(suspendedId)).toBeDefined());
      await dataSource.query(`UPDATE shared_contacts SET suspended_by_admin = true WHERE contact_id = $1`, [suspendedId]);
      const response = await get(`/shared-contacts/${suspendedId}?purpose=MARKETING`, bearer('company', `JP-${suffix}`));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'CONTACT_SUSPENDED' });
      expect(response.body).not.toContain('Suspended Person');
      expect(await accessRecord(response.json().details.accessId)).toMatchObject({ outcome: 'DENIED', reason: 'CONTACT_SUSPENDED', contactIds: [suspendedId] });
    });

    it('answers 404 for an unknown contact and records the attempt with the id it probed', async () => {
      const probed = randomUUID();
      const response = await get(`/shared-contacts/${probed}?purpose=MARKETING`, bearer('company', `JP-${suffix}`));
      expect(response.statusCode).toBe(404);
      expect(await accessRecord(response.json().details.accessId)).toMatchObject({ outcome: 'DENIED', reason: 'CONTACT_NOT_FOUND', contactIds: [probed] });
    });

    it('records the probed id of an unknown contact when the company itself is refused', async () => {
      const probed = randomUUID();
      const response = await get(`/shared-contacts/${probed}?purpose=MARKETING`, bearer('company', `US-${suffix}`));
      expect(response.statusCode).toBe(403);
      expect(await accessRecord(response.json().details.accessId)).toMatchObject({ outcome: 'DENIED', reason: 'OUTSIDE_JAPAN', contactIds: [probed] });
    });

    it('lets only group companies read: no token is 401, sales and admin are 403', async () => {
      expect((await get(`/shared-contacts/${contactId}?purpose=MARKETING`)).statusCode).toBe(401);
      expect((await get(`/shared-contacts/${contactId}?purpose=MARKETING`, bearer('sales', `JP-${suffix}`))).statusCode).toBe(403);
      expect((await get(`/shared-contacts/${contactId}?purpose=MARKETING`, admin)).statusCode).toBe(403);
    });

    it('relays access records to the access topic', async () => {
      const response = await get(`/shared-contacts/${contactId}?purpose=EVENTS_SEMINARS`, bearer('company', `JP-${suffix}`));
      const { accessId } = response.json();
      await eventually(async () => {
        const [row] = await dataSource.query(`SELECT published_at FROM outbox WHERE payload->>'accessId' = $1`, [accessId]);
        expect(row.published_at).not.toBeNull();
      });
    });
  });

  describe('deliveries to group companies', () => {
    const messagesFor = async (topic: string, key: string) => (await readWholeTopic(kafka, topic)).filter((m) => m.key === key);

    it('delivers to every eligible company on its own topic, records each provision, withdraws on suspension and delivers again on resumption', async () => {
      const contactId = randomUUID();
      await publish({ key: contactId, value: JSON.stringify(contactEvent(contactId, 1, 'Delivered Person')) });

      for (const prefix of ['JP', 'AFF']) {
        const [delivered] = await eventually(async () => {
          const found = await messagesFor(companyTopic(`${prefix}-${suffix}`), contactId);
          expect(found).toHaveLength(1);
          return found;
        });
        expect(JSON.parse(delivered?.value ?? '{}')).toMatchObject({ eventType: 'SharedContactUpserted', contactId, version: 1, items: { name: { full: 'Delivered Person' } } });
      }
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      const topics = await kafkaAdmin.listTopics();
      await kafkaAdmin.disconnect();
      for (const prefix of ['US', 'LEFT', 'OFF']) expect(topics).not.toContain(companyTopic(`${prefix}-${suffix}`));

      const provisions = await eventually(async () => {
        const found = (await messagesFor(Topics.provision, contactId)).map((m) => JSON.parse(m.value ?? '{}'));
        expect(found).toHaveLength(2);
        return found;
      });
      expect(provisions.map((p) => [p.companyCode, p.kind, p.version]).sort()).toEqual([
        [`AFF-${suffix}`, 'DELIVERED', 1],
        [`JP-${suffix}`, 'DELIVERED', 1],
      ]);
      expect(provisions.map((p) => [p.schemaVersion, p.noticeVersion, p.acquisitionNoticeVersion])).toEqual([
        [3, JOINT_USE_NOTICE.version, NOTICE_REVISIONS[0]?.version],
        [3, JOINT_USE_NOTICE.version, NOTICE_REVISIONS[0]?.version],
      ]);

      const suspend = (suspended: boolean, authorization = admin) =>
        app.inject({ method: 'PUT', url: `/shared-contacts/${contactId}/suspension`, headers: { authorization }, payload: { suspended } });
      expect((await suspend(true, bearer('company', `JP-${suffix}`))).statusCode).toBe(403);
      expect((await suspend(true)).json()).toEqual({ contactId, suspended: true });
      for (const prefix of ['JP', 'AFF']) {
        await eventually(async () => {
          const found = await messagesFor(companyTopic(`${prefix}-${suffix}`), contactId);
          expect(found.map((m) => m.value === null)).toEqual([false, true]);
        });
      }
      // A new version of a suspended contact is kept, but delivered to nobody.
      await publish({ key: contactId, value: JSON.stringify(contactEvent(contactId, 2, 'Delivered Person')) });
      await eventually(async () => expect(await sharedRow(contactId)).toMatchObject({ version: 2, suspended: true }));

      expect((await suspend(false)).json()).toEqual({ contactId, suspended: false });
      await eventually(async () => {
        const found = await messagesFor(companyTopic(`JP-${suffix}`), contactId);
        expect(found.map((m) => (m.value === null ? 'withdrawn' : JSON.parse(m.value).version))).toEqual([1, 'withdrawn', 2]);
      });
      await eventually(async () => {
        const kinds = (await messagesFor(Topics.provision, contactId)).map((m) => JSON.parse(m.value ?? '{}').kind);
        expect(kinds.sort()).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'WITHDRAWN', 'WITHDRAWN']);
      });
      // Withdrawals too record the notice they were made under.
      const versions = (await messagesFor(Topics.provision, contactId)).map((m) => JSON.parse(m.value ?? '{}').noticeVersion);
      expect(new Set(versions)).toEqual(new Set([JOINT_USE_NOTICE.version]));
    });
  });

  describe('a company that stops being eligible', () => {
    it('has every contact it holds withdrawn once it moves abroad, with a WITHDRAWN provision, and receives nothing further', async () => {
      const code = `MOVER-${suffix}`;
      expect((await putCompany(code, {})).statusCode).toBe(200);
      const contactId = randomUUID();
      await publish({ key: contactId, value: JSON.stringify(contactEvent(contactId, 1, 'Before The Move')) });
      await eventually(async () => expect((await readWholeTopic(kafka, companyTopic(code))).filter((m) => m.key === contactId)).toHaveLength(1));

      expect((await putCompany(code, { country: 'SG' })).statusCode).toBe(200);
      await eventually(async () => {
        const messages = (await readWholeTopic(kafka, companyTopic(code))).filter((m) => m.key === contactId);
        expect(messages.map((m) => (m.value === null ? 'withdrawn' : JSON.parse(m.value).version))).toEqual([1, 'withdrawn']);
      });
      await eventually(async () => {
        const provisions = (await readWholeTopic(kafka, Topics.provision)).map((m) => JSON.parse(m.value ?? '{}')).filter((p) => p.contactId === contactId && p.companyCode === code);
        expect(provisions.map((p) => [p.kind, p.version])).toEqual([
          ['DELIVERED', 1],
          ['WITHDRAWN', 1],
        ]);
      });

      await publish({ key: contactId, value: JSON.stringify(contactEvent(contactId, 2, 'After The Move')) });
      await eventually(async () => expect(await sharedRow(contactId)).toMatchObject({ version: 2 }));
      const [{ state }] = await dataSource.query(`SELECT state FROM deliveries WHERE contact_id = $1 AND company_code = $2`, [contactId, code]);
      expect(state).toBe('WITHDRAWN');
      const messages = (await readWholeTopic(kafka, companyTopic(code))).filter((m) => m.key === contactId);
      expect(messages.map((m) => (m.value === null ? 'withdrawn' : JSON.parse(m.value).version))).toEqual([1, 'withdrawn']);
    });
  });

  describe('search and statistics', () => {
    const publishContacts = (organizationName: string, count: number) =>
      publishContactIds(
        organizationName,
        Array.from({ length: count }, () => randomUUID()),
      );
    const publishContactIds = async (organizationName: string, ids: string[]) => {
      const count = ids.length;
      await publish(...ids.map((id, i) => ({ key: id, value: JSON.stringify(contactEvent(id, 1, `Person ${i}`, organizationName, '大阪府')) })));
      await eventually(async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [ids]);
        expect(n).toBe(count);
      });
      return ids;
    };

    it('finds contacts by organization, never a suspended one, and names each one found in the record', async () => {
      const ids = await publishContacts(`Search Target ${suffix}`, 3);
      await dataSource.query(`UPDATE shared_contacts SET suspended_by_admin = true WHERE contact_id = $1`, [ids[0]]);
      const response = await get(`/shared-contacts?purpose=PRODUCT_INFO&organization=${encodeURIComponent(`search target ${suffix}`)}`, bearer('company', `JP-${suffix}`));
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.contacts.map((c: { contactId: string }) => c.contactId).sort()).toEqual([ids[1], ids[2]].sort());
      expect(await accessRecord(page.accessId)).toMatchObject({ operation: 'SEARCH_CONTACTS', outcome: 'GRANTED', contactIds: expect.arrayContaining([ids[1], ids[2]]) });

      const paged = (await get(`/shared-contacts?purpose=PRODUCT_INFO&limit=1&organization=${encodeURIComponent(`Search Target ${suffix}`)}`, bearer('company', `JP-${suffix}`))).json();
      expect(paged.contacts).toHaveLength(1);
      expect(paged.nextCursor).toBe(paged.contacts[0].contactId);
    });

    it.each([
      ['a search for STATISTICS', '/shared-contacts?purpose=STATISTICS', 'JP', 'PURPOSE_NOT_ALLOWED'],
      ['statistics for MARKETING', '/shared-contacts/statistics?purpose=MARKETING&by=month', 'JP', 'PURPOSE_NOT_ALLOWED'],
      ['statistics for a company abroad', '/shared-contacts/statistics?purpose=STATISTICS&by=month', 'US', 'OUTSIDE_JAPAN'],
      ['a search by a company that left', '/shared-contacts?purpose=MARKETING', 'LEFT', 'LEFT_GROUP'],
    ])('refuses %s, and records the refusal', async (_case, url, prefix, reason) => {
      const response = await get(url, bearer('company', `${prefix}-${suffix}`));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: reason });
      expect(await accessRecord(response.json().details.accessId)).toMatchObject({ outcome: 'DENIED', reason, contactIds: [] });
    });

    const statistics = async (by: string) => {
      const response = await get(`/shared-contacts/statistics?purpose=STATISTICS&by=${by}`, bearer('company', `AFF-${suffix}`));
      expect(response.statusCode).toBe(200);
      return response.json() as { cells: { key: string; count: number }[]; suppressedCells: number; total: number; accessId: string } & Record<string, unknown>;
    };
    const keyOf = (ids: string[]) => cellKey(ids.map((id) => recordKey(CELL_KEY_SECRET, id)));
    const publishedAs = (ids: string[]) => perturbCount(ids.length, keyOf(ids), perturbation);
    /** Fresh ids after `base`, drawn until the cell they make is published as `accept` wants. */
    const idsWhere = (base: string[], count: number, accept: (ids: string[]) => boolean): string[] => {
      for (let attempt = 0; attempt < 100_000; attempt += 1) {
        const ids = [...base, ...Array.from({ length: count - base.length }, () => randomUUID())];
        if (accept(ids)) return ids;
      }
      throw new Error('no ids make such a cell');
    };
    /** The table as the cell-key method must publish it, from what the projection holds now. */
    const expectedTable = async (by: 'organization' | 'month') => {
      const rows: { key: string; contact_id: string }[] = await dataSource.query(
        `SELECT ${by === 'organization' ? 'organization_name' : `to_char(acquired_on, 'YYYY-MM')`} AS key, contact_id FROM shared_contacts WHERE NOT suspended`,
      );
      const groups = new Map<string, string[]>();
      for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row.contact_id]);
      const cells: KeyedCell[] = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, ids]) => ({ key, count: ids.length, cellKey: keyOf(ids) }));
      return { cells, table: publishTable(cells, perturbation), persons: rows.length };
    };

    it('publishes perturbed counts, names no suppressed cell, and records how many persons it counted', async () => {
      const large = await publishContacts(`Stats Large ${suffix}`, 12);
      await publishContacts(`Stats Small ${suffix}`, 2);
      const response = await get('/shared-contacts/statistics?purpose=STATISTICS&by=organization', bearer('company', `AFF-${suffix}`));
      expect(response.statusCode).toBe(200);
      const table = response.json();
      const largeCell = table.cells.find((cell: { key: string }) => cell.key === `Stats Large ${suffix}`);
      expect(largeCell.count).toBe(publishedAs(large));
      expect(Math.abs(largeCell.count - 12)).toBeLessThanOrEqual(2);
      expect(response.body).not.toContain(`Stats Small ${suffix}`);
      expect(table.suppressedCells).toBeGreaterThanOrEqual(1);
      expect(table.cells.every((cell: { count: number }) => cell.count >= 5)).toBe(true);
      const expected = await expectedTable('organization');
      expect(table).toEqual({
        by: 'organization',
        ...expected.table,
        threshold: 5,
        maxNoise: 2,
        method: 'CELL_KEY_PERTURBATION',
        purpose: 'STATISTICS',
        accessId: table.accessId,
      });
      expect(response.body).not.toContain('Person ');
      const record = await accessRecord(table.accessId);
      expect(record).toMatchObject({ operation: 'READ_STATISTICS', outcome: 'GRANTED', contactIds: [], personsAggregated: expected.persons });
      // Ids and counts only: nothing of a person, not even an organization's name.
      expect(JSON.stringify(record)).not.toMatch(/Stats Large|Person |大阪府/);
    });

    it('gives the same answer to the same question', async () => {
      await publishContacts(`Stats Same ${suffix}`, 9);
      const { accessId: _first, ...first } = await statistics('organization');
      const { accessId: _second, ...second } = await statistics('organization');
      expect(second).toEqual(first);
    });

    it('leaves the 4→5 differencing attack unable to tell a hidden 4 from a hidden 5', async () => {
      // A: 4 persons, hidden; one more and it shows as 6. B: 5 persons, hidden too; one more and it shows as 6 as well.
      const a4 = idsWhere([], 4, (ids) => publishedAs(ids) === 0);
      const a5 = idsWhere(a4, 5, (ids) => publishedAs(ids) === 6);
      const b5 = idsWhere([], 5, (ids) => publishedAs(ids) === 0);
      const b6 = idsWhere(b5, 6, (ids) => publishedAs(ids) === 6);
      const [a, b] = [`Stats Diff A ${suffix}`, `Stats Diff B ${suffix}`];
      await publishContactIds(a, a4);
      await publishContactIds(b, b5);
      const before = await statistics('organization');
      expect(before.cells.map((cell) => cell.key)).not.toEqual(expect.arrayContaining([a]));
      expect(before.cells.map((cell) => cell.key)).not.toEqual(expect.arrayContaining([b]));

      await publishContactIds(a, a5.slice(4));
      await publishContactIds(b, b6.slice(5));
      const after = await statistics('organization');
      // The attacker sees the same thing for both: hidden, then shown as 6 when one person joined.
      expect(after.cells.find((cell) => cell.key === a)).toEqual({ key: a, count: 6 });
      expect(after.cells.find((cell) => cell.key === b)).toEqual({ key: b, count: 6 });
      expect(after.suppressedCells).toBe(before.suppressedCells - 2);
    });

    it('leaves the total of one dimension minus the published cells of another short of the hidden sum', async () => {
      await publishContacts(`Stats Cross Big ${suffix}`, 20);
      // Two persons of a new organization (a cell of 2 is always suppressed; contact events here are acquired in
      // 2026-11), drawn so that this time the perturbed figures miss the hidden sum; the old true figures never could.
      const organizations = await expectedTable('organization');
      const months = await expectedTable('month');
      const publishedOrganizations = organizations.table.cells.reduce((sum, cell) => sum + cell.count, 0);
      const hiddenAfter = organizations.cells.filter((cell) => !organizations.table.cells.some((p) => p.key === cell.key)).reduce((sum, cell) => sum + cell.count, 0) + 2;
      const everyoneKey = cellKey(organizations.cells.map((cell) => cell.cellKey));
      const withAdded = (cell: KeyedCell, added: number) => perturbCount(cell.count + 2, (cell.cellKey + added) % CELL_KEY_RANGE, perturbation);
      const hidden = idsWhere([], 2, (ids) => {
        const added = keyOf(ids);
        const total = withAdded({ key: 'all', count: organizations.persons, cellKey: everyoneKey }, added);
        const monthSum = months.cells.reduce((sum, cell) => sum + (cell.key === '2026-11' ? withAdded(cell, added) : perturbCount(cell.count, cell.cellKey, perturbation)), 0);
        return total - publishedOrganizations !== hiddenAfter && monthSum - publishedOrganizations !== hiddenAfter;
      });
      await publishContactIds(`Stats Cross Hidden ${suffix}`, hidden);

      const byOrganization = await statistics('organization');
      const byMonth = await statistics('month');
      const truth = await expectedTable('organization');
      const trueHiddenSum = truth.cells.filter((cell) => !byOrganization.cells.some((p) => p.key === cell.key)).reduce((sum, cell) => sum + cell.count, 0);
      const publishedSum = byOrganization.cells.reduce((sum, cell) => sum + cell.count, 0);
      expect(byMonth.total).toBe(byOrganization.total);
      expect(byOrganization.total - publishedSum).not.toBe(trueHiddenSum);
      expect(byMonth.cells.reduce((sum, cell) => sum + cell.count, 0) - publishedSum).not.toBe(trueHiddenSum);
      expect(JSON.stringify(byOrganization)).not.toContain('Stats Cross Hidden');
    });

    it('without a configured secret, keys records with the one drawn at installation, the same after a restart', async () => {
      const ids = await publishContacts(`Stats Installed Secret ${suffix}`, 8);
      const [{ secret }] = await dataSource.query(`SELECT secret FROM statistics_cell_key_secret WHERE id = 1`);
      expect(secret).toMatch(/^[0-9a-f]{96}$/);
      const expected = perturbCount(8, cellKey(ids.map((id) => recordKey(secret, id))), perturbation);
      const answers: unknown[] = [];
      for (let start = 0; start < 2; start += 1) {
        const other = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-test-${suffix}-installed-${start}` }));
        try {
          const response = await other.inject({ method: 'GET', url: '/shared-contacts/statistics?purpose=STATISTICS&by=organization', headers: { authorization: bearer('company', `AFF-${suffix}`) } });
          const cell = response.json().cells.find((c: { key: string }) => c.key === `Stats Installed Secret ${suffix}`);
          answers.push(cell ?? null);
        } finally {
          await other.close();
        }
      }
      // A cell of 8 is always published (8 - 2 is above the threshold).
      expect(answers).toEqual([{ key: `Stats Installed Secret ${suffix}`, count: expected }, { key: `Stats Installed Secret ${suffix}`, count: expected }]);
    });

    it('refuses an unknown dimension with 400', async () => {
      const response = await get('/shared-contacts/statistics?purpose=STATISTICS&by=email', bearer('company', `JP-${suffix}`));
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'by' })]);
    });
  });

  describe('group company register', () => {
    it('keeps every change with who and when, announces it, and ignores a repeat of the current state', async () => {
      const code = `HIST-${suffix}`;
      const adminBy = (subject: string) => bearer('admin', 'GROUP-HD', subject);
      const put = (body: Record<string, unknown>, subject: string) =>
        app.inject({
          method: 'PUT',
          url: `/companies/${code}`,
          headers: { authorization: adminBy(subject) },
          payload: { legalName: 'History KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true, ...body },
        });
      expect((await put({}, 'officer-a')).json()).toMatchObject({ version: 1 });
      expect((await put({}, 'officer-a')).json()).toMatchObject({ version: 1 });
      expect((await put({ country: 'SG' }, 'officer-b')).json()).toMatchObject({ version: 2, country: 'SG' });

      const history = (await get(`/companies/${code}/history`, admin)).json();
      expect(history).toEqual([
        expect.objectContaining({ version: 1, changedBy: 'officer-a', before: null, after: expect.objectContaining({ country: 'JP' }) }),
        expect.objectContaining({ version: 2, changedBy: 'officer-b', before: expect.objectContaining({ country: 'JP' }), after: expect.objectContaining({ country: 'SG' }) }),
      ]);
      await eventually(async () => {
        const announced = (await readWholeTopic(kafka, Topics.companyRegister)).filter((m) => m.key === code).map((m) => JSON.parse(m.value ?? '{}'));
        expect(announced.map((e) => [e.version, e.country, e.changedBy])).toEqual([
          [1, 'JP', 'officer-a'],
          [2, 'SG', 'officer-b'],
        ]);
      });
      // The move abroad takes effect at once.
      const read = await get(`/shared-contacts/${randomUUID()}?purpose=MARKETING`, bearer('company', code));
      expect(read.json()).toMatchObject({ code: 'OUTSIDE_JAPAN' });
      expect((await get(`/companies/NOPE-${suffix}/history`, admin)).statusCode).toBe(404);
    });

    it('lets only the administrator change it, and names each bad field', async () => {
      const denied = await app.inject({ method: 'PUT', url: `/companies/X-${suffix}`, headers: { authorization: bearer('company', `JP-${suffix}`) }, payload: {} });
      expect(denied.statusCode).toBe(403);
      const invalid = await putCompany(`BAD-${suffix}`, { country: 'Japan', relationship: 'FRIEND', extra: 1 });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['country', 'extra', 'relationship']);
      expect((await get('/companies', admin)).json().map((c: { code: string }) => c.code)).not.toContain(`BAD-${suffix}`);
    });
  });

  it('answers reads while Kafka is down, and every access record reaches the access topic when it returns', async () => {
    const ownDatabase = await createTestDatabase('sharing_outage');
    const broker = await createPrivateBroker();
    broker.start();
    const ownKafka = createKafka(kafkaConnectionAs(broker, 'admin', 'sharing-outage-test'));
    const offline = await startInProcess(
      createSharingApp,
      testSettings(SharingSettings, ownDatabase.url, { ...kafkaSettingsAs(broker, 'admin'), KAFKA_CONSUMER_GROUP: `outage-${suffix}`, OUTBOX_POLL_MS: '50' }),
    );
    try {
      const code = `OUT-${suffix}`;
      const put = await offline.inject({
        method: 'PUT',
        url: `/companies/${code}`,
        headers: { authorization: admin },
        payload: { legalName: 'Outage KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
      });
      expect(put.statusCode).toBe(200);
      const contactId = randomUUID();
      await offline.get(DataSource).query(
        `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, transaction_history, acquisition_method, acquired_on, acquiring_company_code)
         VALUES ($1, 1, 'Outage Person', 'Outage Org', '[]', 'BUSINESS_CARD', '2026-11-01', 'X1')`,
        [contactId],
      );

      broker.stop();
      const accessIds: string[] = [];
      for (const purpose of ['MARKETING', 'PRODUCT_INFO', 'EVENTS_SEMINARS', '', 'RECRUITMENT']) {
        const response = await offline.inject({ method: 'GET', url: `/shared-contacts/${contactId}?purpose=${purpose}`, headers: { authorization: bearer('company', code) } });
        expect([200, 400, 403]).toContain(response.statusCode);
        accessIds.push(response.json().accessId ?? response.json().details.accessId);
      }
      broker.start();

      await eventually(
        async () => {
          const relayed = (await readWholeTopic(ownKafka, Topics.access)).map((m) => JSON.parse(m.value ?? '{}').accessId);
          expect(relayed.sort()).toEqual([...accessIds].sort());
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    } finally {
      await offline.close();
      broker.destroy();
      await ownDatabase.drop();
    }
  }, 180_000);
});
