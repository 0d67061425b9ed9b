import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const companyA = `VIEW-A-${suffix}`;
const companyB = `VIEW-B-${suffix}`;
const salesA = bearer('sales', companyA, `staff-a-${suffix}`);
const salesB = bearer('sales', companyB, `staff-b-${suffix}`);
const admin = bearer('admin', 'GROUP-HD', `office-${suffix}`);

let people = 0;

/** What company A registers: a new person each call. */
function bodyOfA() {
  people += 1;
  return {
    name: { full: '高橋 一郎', kana: 'タカハシ イチロウ' },
    organizationName: 'Alpha Trading KK',
    email: `ichiro.takahashi${people}.${suffix.toLowerCase()}@alpha.example.co.jp`,
    phone: `03-5555-${String(1000 + people)}`,
    title: 'Manager',
    department: 'Purchasing',
    transactionHistory: [{ occurredOn: '2026-09-01', description: `A's order ${people}`, companyCode: companyA }],
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01' },
    memo: `A's memo ${suffix}`,
  };
}

/** What company B submits for the same person (same e-mail): other items, and some left out. */
const bodyOfB = (email: string) => ({
  name: { full: '高橋 一郎' },
  organizationName: 'Alpha Trading Co., Ltd.',
  email,
  title: 'Director',
  fax: '03-5555-0199',
  transactionHistory: [{ occurredOn: '2026-10-15', description: `B's seminar ${suffix}`, companyCode: companyB }],
  acquisition: { method: 'EVENT_APPLICATION', acquiredOn: '2026-11-10', noticeOfPurpose: { purposesShown: ['Seminar guidance'], jointUseNotified: true, wording: 'Seminar notice v2' } },
  memo: `B's memo ${suffix}`,
});

describe('contacts: each company sees what it entered', () => {
  const kafka = createKafka(testKafka('contacts-views-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const register = (payload: object, authorization: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/contacts', headers: { authorization, ...headers }, payload });
  const read = (id: string, authorization: string) => app.inject({ method: 'GET', url: `/contacts/${id}`, headers: { authorization } });
  const patch = (id: string, authorization: string, payload: object) => app.inject({ method: 'PATCH', url: `/contacts/${id}`, headers: { authorization }, payload });
  const eventsOf = async (id: string, count: number) =>
    eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.contact)).filter((m) => m.key === id).map((m) => JSON.parse(m.value ?? '{}'));
      expect(found).toHaveLength(count);
      return found;
    });

  /** A's person, and B's registration of the same person. */
  async function linkedPerson() {
    const a = await register(bodyOfA(), salesA);
    expect(a.statusCode).toBe(201);
    const created = a.json();
    const b = await register(bodyOfB(created.email.toUpperCase()), salesB);
    return { created, linked: b };
  }

  beforeAll(async () => {
    database = await createTestDatabase('contacts_views');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [companyA, companyB]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('a registration that links', () => {
    it('answers company B with the id and only what B sent: none of A’s items, acquisitions or the joint-use status', async () => {
      const { created, linked } = await linkedPerson();
      expect(linked.statusCode).toBe(200);
      const body = linked.json();
      expect(body).toMatchObject({
        id: created.id,
        registration: 'LINKED',
        name: { full: '高橋 一郎', kana: null },
        organizationName: 'Alpha Trading Co., Ltd.',
        title: 'Director',
        department: null,
        phone: null,
        fax: '+81355550199',
        transactionHistory: [{ description: `B's seminar ${suffix}` }],
      });
      expect(body.acquisitions).toEqual([expect.objectContaining({ companyCode: companyB, method: 'EVENT_APPLICATION', memo: `B's memo ${suffix}` })]);
      expect(body).not.toHaveProperty('jointUse');
      expect(linked.body).not.toContain(companyA);
      expect(linked.body).not.toContain('Purchasing');
      expect(linked.body).not.toContain(`A's`);
    });

    it('keeps B’s items as submitted with B’s acquisition, for the administrator and B to see', async () => {
      const { created } = await linkedPerson();
      const full = (await read(created.id, admin)).json();
      expect(full.acquisitions.map((a: { companyCode: string }) => a.companyCode)).toEqual([companyA, companyB]);
      expect(full.acquisitions[1].submittedItems).toEqual({
        name: { full: '高橋 一郎' },
        organizationName: 'Alpha Trading Co., Ltd.',
        email: created.email.toUpperCase().replace('@ALPHA.EXAMPLE.CO.JP', '@alpha.example.co.jp'),
        title: 'Director',
        fax: '+81355550199',
        // Each entry is kept with the id by which it can be corrected at the person's request.
        transactionHistory: [{ id: expect.any(String), occurredOn: '2026-10-15', description: `B's seminar ${suffix}`, companyCode: companyB }],
      });
      const [row] = await dataSource.query(`SELECT submitted_items FROM acquisitions WHERE contact_id = $1 AND company_code = $2`, [created.id, companyB]);
      expect(row.submitted_items.organizationName).toBe('Alpha Trading Co., Ltd.');
    });
  });

  describe('who sees what', () => {
    it('shows B the person through B’s acquisition only, with the items as B entered them, and A its own', async () => {
      const { created } = await linkedPerson();
      const seenByB = (await read(created.id, salesB)).json();
      expect(seenByB).toMatchObject({ id: created.id, organizationName: 'Alpha Trading Co., Ltd.', title: 'Director', department: null, phone: null });
      expect(seenByB.acquisitions.map((a: { companyCode: string }) => a.companyCode)).toEqual([companyB]);
      expect(seenByB.transactionHistory.map((e: { description: string }) => e.description)).toEqual([`B's seminar ${suffix}`]);
      expect(seenByB).not.toHaveProperty('jointUse');

      const seenByA = (await read(created.id, salesA)).json();
      expect(seenByA).toMatchObject({ organizationName: 'Alpha Trading KK', title: 'Manager', department: 'Purchasing', fax: null });
      expect(seenByA.acquisitions.map((a: { companyCode: string }) => a.companyCode)).toEqual([companyA]);
    });

    it('lists to each company only its own view of a person', async () => {
      const { created } = await linkedPerson();
      const listed = (await app.inject({ method: 'GET', url: `/contacts?email=${encodeURIComponent(created.email)}`, headers: { authorization: salesB } })).json();
      expect(listed.contacts).toHaveLength(1);
      expect(listed.contacts[0]).toMatchObject({ id: created.id, title: 'Director', department: null });
      expect(JSON.stringify(listed)).not.toContain('Purchasing');
      // A search by what only A entered does not find the person for B.
      const byOrganization = (await app.inject({ method: 'GET', url: '/contacts?organization=alpha%20trading%20kk', headers: { authorization: salesB } })).json();
      expect(byOrganization.contacts.map((c: { id: string }) => c.id)).not.toContain(created.id);
    });

    it('refuses B a person only A acquired: GET, PATCH and transactions are 404', async () => {
      const created = (await register(bodyOfA(), salesA)).json();
      expect((await read(created.id, salesB)).statusCode).toBe(404);
      expect((await patch(created.id, salesB, { version: 1, title: 'x' })).statusCode).toBe(404);
      const appended = await app.inject({
        method: 'POST',
        url: `/contacts/${created.id}/transactions`,
        headers: { authorization: salesB },
        payload: { entries: [{ occurredOn: '2026-11-01', description: 'x', companyCode: companyB }] },
      });
      expect(appended.statusCode).toBe(404);
      const listed = (await app.inject({ method: 'GET', url: `/contacts?email=${encodeURIComponent(created.email)}`, headers: { authorization: salesB } })).json();
      expect(listed.contacts).toEqual([]);
    });

    it('lets B’s correction and transactions change B’s view only, and A’s view stays as A entered it', async () => {
      const { created, linked } = await linkedPerson();
      const corrected = await patch(created.id, salesB, { version: linked.json().version, department: 'Sales Planning', fax: null });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json()).toMatchObject({ department: 'Sales Planning', fax: null, title: 'Director' });
      await app.inject({
        method: 'POST',
        url: `/contacts/${created.id}/transactions`,
        headers: { authorization: salesB },
        payload: { entries: [{ occurredOn: '2026-11-12', description: `B's order ${suffix}`, companyCode: companyB }] },
      });
      const seenByA = (await read(created.id, salesA)).json();
      expect(seenByA).toMatchObject({ department: 'Purchasing', title: 'Manager', organizationName: 'Alpha Trading KK' });
      expect(seenByA.transactionHistory.map((e: { description: string }) => e.description)).toEqual([expect.stringMatching(/^A's order/)]);
      expect(JSON.stringify(seenByA)).not.toContain(`B's`);
      expect(seenByA.acquisitions.map((a: { companyCode: string }) => a.companyCode)).toEqual([companyA]);
    });

    it('lets the administrator correct for every company, and see the shared state, every acquisition and the status', async () => {
      const { created } = await linkedPerson();
      const current = (await read(created.id, admin)).json();
      expect(current).toMatchObject({ jointUse: 'ACTIVE' });
      expect((await patch(created.id, admin, { version: current.version, name: { full: '高橋 一朗' } })).statusCode).toBe(200);
      expect((await read(created.id, salesA)).json().name.full).toBe('高橋 一朗');
      expect((await read(created.id, salesB)).json().name.full).toBe('高橋 一朗');
    });
  });

  describe('the shared state', () => {
    it('is formed by the rule: per item, the most recent acquisition or correction naming it wins; histories are appended', async () => {
      const { created, linked } = await linkedPerson();
      // A registered (v1), B linked (v2): B's later title, organization and fax win; A's phone and department stay.
      const [, afterLink] = await eventsOf(created.id, 2);
      expect(afterLink).toMatchObject({ eventType: 'AcquisitionAdded', version: 2 });
      expect(afterLink.items).toMatchObject({
        name: { full: '高橋 一郎', kana: 'タカハシ イチロウ' },
        organizationName: 'Alpha Trading Co., Ltd.',
        title: 'Director',
        department: 'Purchasing',
        phone: created.phone,
        fax: '+81355550199',
      });
      expect(afterLink.items.transactionHistory.map((e: { description: string }) => e.description)).toEqual([expect.stringMatching(/^A's order/), `B's seminar ${suffix}`]);
      // Then A corrects its title: now A's is the most recent, and B's view keeps B's.
      const seenByA = (await read(created.id, salesA)).json();
      expect(seenByA.version).toBe(linked.json().version);
      expect((await patch(created.id, salesA, { version: seenByA.version, title: 'General Manager', phone: null })).statusCode).toBe(200);
      const [, , afterCorrection] = await eventsOf(created.id, 3);
      expect(afterCorrection).toMatchObject({ eventType: 'ContactCorrected', version: 3 });
      expect(afterCorrection.items).toMatchObject({ title: 'General Manager', organizationName: 'Alpha Trading Co., Ltd.' });
      expect(afterCorrection.items.phone).toBeUndefined();
      expect((await read(created.id, salesB)).json().title).toBe('Director');
      expect((await read(created.id, admin)).json()).toMatchObject({ title: 'General Manager', phone: null, organizationName: 'Alpha Trading Co., Ltd.' });
    });
  });

  describe('suspension of use', () => {
    it('shows sales staff a suspended person as a stub without items, leaves them out of lists, refuses changes; the administrator keeps the full view', async () => {
      const { created } = await linkedPerson();
      const suspended = await app.inject({ method: 'PUT', url: `/contacts/${created.id}/joint-use`, headers: { authorization: admin }, payload: { status: 'SUSPENDED' } });
      expect(suspended.statusCode).toBe(200);

      const stub = await read(created.id, salesB);
      expect(stub.statusCode).toBe(200);
      expect(stub.json()).toEqual({
        id: created.id,
        status: 'SUSPENDED',
        acquisitions: [{ id: expect.any(String), method: 'EVENT_APPLICATION', acquiredOn: '2026-11-10', companyCode: companyB, recordedAt: expect.any(String) }],
      });
      expect(stub.body).not.toContain('高橋');
      const listed = (await app.inject({ method: 'GET', url: `/contacts?email=${encodeURIComponent(created.email)}`, headers: { authorization: salesA } })).json();
      expect(listed.contacts).toEqual([]);
      const refused = await patch(created.id, salesA, { version: 3, title: 'x' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'CONTACT_SUSPENDED' });
      expect(refused.body).not.toContain('高橋');

      const full = (await read(created.id, admin)).json();
      expect(full).toMatchObject({ jointUse: 'SUSPENDED', name: { full: '高橋 一郎' } });
      const adminList = (await app.inject({ method: 'GET', url: `/contacts?email=${encodeURIComponent(created.email)}`, headers: { authorization: admin } })).json();
      expect(adminList.contacts).toHaveLength(1);

      await app.inject({ method: 'PUT', url: `/contacts/${created.id}/joint-use`, headers: { authorization: admin }, payload: { status: 'ACTIVE' } });
      expect((await read(created.id, salesB)).json()).toMatchObject({ title: 'Director' });
    });
  });

  describe('Idempotency-Key', () => {
    const count = async (email: string) =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM acquisitions a JOIN contacts c ON c.id = a.contact_id WHERE c.email = $1`, [email]))[0].n as number;

    it('answers a retry with the same key and body with the first answer, and stores nothing new', async () => {
      const key = `retry-${suffix}-1`;
      const body = bodyOfA();
      const first = await register(body, salesA, { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      const again = await register(body, salesA, { 'idempotency-key': key });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await count(first.json().email)).toBe(1);
      await eventsOf(first.json().id, 1);
    });

    it('answers two registrations at once with the same key with one answer, and stores one', async () => {
      const key = `retry-${suffix}-2`;
      const body = bodyOfA();
      const [one, two] = await Promise.all([register(body, salesA, { 'idempotency-key': key }), register(body, salesA, { 'idempotency-key': key })]);
      expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
      expect(one.json()).toEqual(two.json());
      expect(await count(one.json().email)).toBe(1);
    });

    it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED, and stores nothing', async () => {
      const key = `retry-${suffix}-3`;
      const first = (await register(bodyOfA(), salesA, { 'idempotency-key': key })).json();
      const other = bodyOfA();
      const reused = await register(other, salesA, { 'idempotency-key': key });
      expect(reused.statusCode).toBe(409);
      expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await count(other.email)).toBe(0);
      expect(await count(first.email)).toBe(1);
    });

    it('keeps keys per company: another company’s same key is a registration of its own', async () => {
      const key = `retry-${suffix}-4`;
      const a = await register(bodyOfA(), salesA, { 'idempotency-key': key });
      const b = await register({ ...bodyOfA(), transactionHistory: [] }, salesB, { 'idempotency-key': key });
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(b.json().id).not.toBe(a.json().id);
    });

    it('forgets the kept answer when the person is erased, so that a retry cannot bring their items back', async () => {
      const key = `retry-${suffix}-5`;
      const body = bodyOfA();
      const first = (await register(body, salesA, { 'idempotency-key': key })).json();
      expect((await patch(first.id, salesA, { version: first.version, title: 'Chief' })).statusCode).toBe(200);
      const desk = (method: 'POST', url: string, payload: object) => app.inject({ method, url, headers: { authorization: admin }, payload });
      const request = (await desk('POST', '/subject-requests', { type: 'ERASURE', person: { email: first.email } })).json();
      expect((await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [first.id], identityCheck: { document: 'PASSPORT', representativeActed: false } })).statusCode).toBe(200);
      expect((await desk('POST', `/subject-requests/${request.id}/erasure`, {})).statusCode).toBe(200);
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM registration_idempotency_keys WHERE idempotency_key = $1`, [key]))[0].n).toBe(0);
      expect((await dataSource.query(`SELECT count(*)::int AS n FROM contact_corrections WHERE contact_id = $1`, [first.id]))[0].n).toBe(0);
    });

    it('refuses a malformed key with 400', async () => {
      const refused = await register(bodyOfA(), salesA, { 'idempotency-key': 'x'.repeat(201) });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
