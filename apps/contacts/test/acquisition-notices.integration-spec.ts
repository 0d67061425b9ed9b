import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ContactStateEvent, parseEvent, Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import { JOINT_USE_NOTICE, noticeInForce, PURPOSES_OF_USE } from '@registry/policy';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

/** The revision in force on the acquisition and consent dates these tests use (20 to 25 November 2026). */
const VERSION_ON_THOSE_DAYS = noticeInForce(new Date('2026-11-25T12:00:00+09:00')).version;

const suffix = uniqueSuffix();
const company = `NOTICE-${suffix}`;
const other = `NOTICE-B-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);
const salesOther = bearer('sales', other, `staff-b-${suffix}`);
const admin = bearer('admin', 'GROUP-HD', `office-${suffix}`);

const notice = (jointUseNotified: boolean) => ({
  purposesShown: ['To answer your inquiry', 'To provide information on products and services of the group'],
  jointUseNotified,
  wording: `Inquiry form notice ${suffix}`,
});

let people = 0;

/** A new person each call. */
function body(acquisition: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  people += 1;
  return {
    name: { full: '中村 明美' },
    organizationName: 'Notice Example KK',
    email: `akemi.nakamura${people}.${suffix.toLowerCase()}@example.co.jp`,
    transactionHistory: [{ occurredOn: '2026-10-01', description: `order ${people}`, companyCode: company }],
    acquisition: { acquiredOn: '2026-11-20', ...acquisition },
    ...overrides,
  };
}

describe('contacts: the notice each acquisition was collected under', () => {
  const kafka = createKafka(testKafka('contacts-notices-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const register = (payload: object, authorization = sales) => app.inject({ method: 'POST', url: '/contacts', headers: { authorization }, payload });
  const read = (id: string, authorization = admin) => app.inject({ method: 'GET', url: `/contacts/${id}`, headers: { authorization } });
  const desk = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object, authorization = admin) =>
    app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });
  const stored = async () => (await dataSource.query(`SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM acquisitions) AS acquisitions`))[0];
  const eventsOf = async (id: string, count: number) =>
    eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.contact)).filter((m) => m.key === id);
      expect(found).toHaveLength(count);
      return found.map((m) => {
        const parsed = parseEvent(ContactStateEvent, m.value);
        if (!parsed.ok) throw new Error(`malformed contact event: ${JSON.stringify(parsed.problems)}`);
        return { ...JSON.parse(m.value ?? '{}'), raw: m.value ?? '' };
      });
    });
  /** Opens a request of the type for the person with this e-mail, and confirms them. */
  const requestFor = async (type: string, email: string, contactId: string) => {
    const opened = await desk('POST', '/subject-requests', { type, person: { email }, deliveryMethod: 'ELECTRONIC' });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id as string;
    expect((await desk('POST', `/subject-requests/${id}/confirmation`, { contactIds: [contactId], identityCheck: { document: 'PASSPORT', representativeActed: false } })).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase('contacts_notices');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company, other]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('the notice of purpose', () => {
    it.each(['WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION'])('is required for %s: 400 naming the field and the rule, and nothing stored', async (method) => {
      const before = await stored();
      const response = await register(body({ method }));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'acquisition.noticeOfPurpose', rule: 'required', message: expect.stringContaining('required for web inquiries, event applications and transaction applications') }],
      });
      expect(await stored()).toEqual(before);
    });

    it.each([
      ['without purposes', { jointUseNotified: true, purposesShown: [] }, 'acquisition.noticeOfPurpose.purposesShown', 'arrayMinSize'],
      ['with a purpose over 500 characters', { jointUseNotified: true, purposesShown: ['x'.repeat(501)] }, 'acquisition.noticeOfPurpose.purposesShown', 'maxLength'],
      ['with 21 purposes', { jointUseNotified: true, purposesShown: Array.from({ length: 21 }, (_, i) => `p${i}`) }, 'acquisition.noticeOfPurpose.purposesShown', 'arrayMaxSize'],
      ['without saying whether joint use was told', { purposesShown: ['To answer'] }, 'acquisition.noticeOfPurpose.jointUseNotified', 'required'],
      ['with a wording over 2000 characters', { ...notice(true), wording: 'x'.repeat(2001) }, 'acquisition.noticeOfPurpose.wording', 'maxLength'],
    ])('refuses one %s with 400 naming the field and the rule, and stores nothing', async (_case, noticeOfPurpose, field, rule) => {
      const before = await stored();
      const response = await register(body({ method: 'TRANSACTION_APPLICATION', noticeOfPurpose }));
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field, rule })]);
      expect(await stored()).toEqual(before);
    });

    it('refuses the free-text purposeNotice of earlier releases, naming it', async () => {
      const response = await register(body({ method: 'WEB_INQUIRY', purposeNotice: 'Inquiry form notice' }));
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'acquisition.purposeNotice', rule: 'whitelistValidation' })]));
    });

    it('is kept with the acquisition, with the notice revision in force on its date, and shown to the acquiring company', async () => {
      const response = await register(body({ method: 'WEB_INQUIRY', noticeOfPurpose: notice(true) }));
      expect(response.statusCode).toBe(201);
      const expected = {
        method: 'WEB_INQUIRY',
        noticeVersion: VERSION_ON_THOSE_DAYS,
        jointUseNotified: true,
        noticeOfPurpose: { purposesShown: notice(true).purposesShown, jointUseNotified: true, wording: `Inquiry form notice ${suffix}` },
      };
      expect(response.json().acquisitions).toEqual([expect.objectContaining(expected)]);
      expect((await read(response.json().id, sales)).json().acquisitions).toEqual([expect.objectContaining(expected)]);
    });

    it('is optional for business cards and discussions, whose people count as told of joint use by the published notice', async () => {
      for (const method of ['BUSINESS_CARD', 'BUSINESS_DISCUSSION']) {
        const response = await register(body({ method }));
        expect(response.statusCode).toBe(201);
        expect(response.json().acquisitions).toEqual([expect.objectContaining({ method, noticeVersion: VERSION_ON_THOSE_DAYS, jointUseNotified: true, noticeOfPurpose: null })]);
        expect((await read(response.json().id)).json()).toMatchObject({ jointUse: 'ACTIVE', heldReason: null });
      }
      const withNotice = await register(body({ method: 'BUSINESS_DISCUSSION', noticeOfPurpose: notice(true) }));
      expect(withNotice.json().acquisitions[0].noticeOfPurpose).toMatchObject({ purposesShown: notice(true).purposesShown });
    });
  });

  describe('a person never told of joint use', () => {
    it('is held out of joint use with the reason, shown to the administrator and the desk, and published in a version 3 event', async () => {
      const created = (await register(body({ method: 'WEB_INQUIRY', noticeOfPurpose: notice(false) }))).json();
      const seen = (await read(created.id)).json();
      expect(seen).toMatchObject({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED', heldExplanation: expect.stringContaining('not told') });
      // Sales staff see neither the status nor the reason.
      const bySales = (await read(created.id, sales)).json();
      expect(bySales).not.toHaveProperty('jointUse');
      expect(bySales).not.toHaveProperty('heldReason');

      const alerts = (await desk('GET', '/desk-alerts?status=OPEN')).json() as { kind: string; subjectId: string; detail: string }[];
      expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'JOINT_USE_NOT_NOTIFIED', subjectId: created.id, detail: expect.stringContaining('consent') })]));

      const [event] = await eventsOf(created.id, 1);
      expect(event).toMatchObject({ schemaVersion: 3, jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED', noticeVersion: VERSION_ON_THOSE_DAYS });
      // The entries' ids are contacts' own: the event carries the allowed items only.
      expect(Object.keys(event.items.transactionHistory[0]).sort()).toEqual(['companyCode', 'description', 'occurredOn']);
    });

    it('stays held when the administrator sets ACTIVE, and is released by a later acquisition that tells them', async () => {
      const first = body({ method: 'EVENT_APPLICATION', noticeOfPurpose: notice(false) });
      const created = (await register(first)).json();
      const released = await desk('PUT', `/contacts/${created.id}/joint-use`, { status: 'ACTIVE' });
      expect(released.json()).toMatchObject({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED', heldExplanation: expect.any(String), version: 1 });

      // Another acquisition that again says nothing of joint use changes nothing.
      expect((await register({ ...first, acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-21', noticeOfPurpose: notice(false) } }, salesOther)).json().registration).toBe('LINKED');
      expect((await read(created.id)).json()).toMatchObject({ jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED', version: 2 });

      const told = await register({ ...first, acquisition: { method: 'TRANSACTION_APPLICATION', acquiredOn: '2026-11-22', noticeOfPurpose: notice(true) } }, salesOther);
      expect(told.json()).toMatchObject({ id: created.id, registration: 'LINKED' });
      expect((await read(created.id)).json()).toMatchObject({ jointUse: 'ACTIVE', heldReason: null, heldExplanation: null, version: 3 });
      const events = await eventsOf(created.id, 3);
      expect(events.map((e) => [e.version, e.jointUse, e.heldReason ?? null])).toEqual([
        [1, 'HELD', 'JOINT_USE_NOT_NOTIFIED'],
        [2, 'HELD', 'JOINT_USE_NOT_NOTIFIED'],
        [3, 'ACTIVE', null],
      ]);
      expect(events[2]).toMatchObject({ schemaVersion: 3, eventType: 'AcquisitionAdded', noticeVersion: VERSION_ON_THOSE_DAYS });
    });

    it('is released by their consent, recorded with who and when, and published', async () => {
      const created = (await register(body({ method: 'WEB_INQUIRY', noticeOfPurpose: notice(false) }))).json();
      const consent = await desk('POST', `/contacts/${created.id}/joint-use-consent`, { consentedOn: '2026-11-25', evidence: `Signed form ${suffix}` });
      expect(consent.statusCode).toBe(201);
      expect(consent.json()).toMatchObject({
        contactId: created.id,
        jointUse: 'ACTIVE',
        heldReason: null,
        version: 2,
        consent: { noticeVersion: VERSION_ON_THOSE_DAYS, consentedOn: '2026-11-25', evidence: `Signed form ${suffix}`, recordedBy: `office-${suffix}`, recordedAt: expect.any(String) },
      });
      expect((await read(created.id)).json()).toMatchObject({
        jointUse: 'ACTIVE',
        jointUseConsents: [{ noticeVersion: VERSION_ON_THOSE_DAYS, recordedBy: `office-${suffix}`, consentedOn: '2026-11-25' }],
      });
      const events = await eventsOf(created.id, 2);
      expect(events[1]).toMatchObject({ schemaVersion: 3, eventType: 'JointUseChanged', version: 2, jointUse: 'ACTIVE', noticeVersion: VERSION_ON_THOSE_DAYS });
      expect(events[1]).not.toHaveProperty('heldReason');
    });

    it('refuses a consent without evidence, malformed or in the future, with 400 naming the field; only the administrator may record one', async () => {
      const created = (await register(body({ method: 'WEB_INQUIRY', noticeOfPurpose: notice(false) }))).json();
      const url = `/contacts/${created.id}/joint-use-consent`;
      const count = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM joint_use_consents WHERE contact_id = $1`, [created.id]))[0].n;
      expect((await desk('POST', url, { consentedOn: '2026-11-25' })).json().details).toEqual([expect.objectContaining({ field: 'evidence', rule: 'required' })]);
      expect((await desk('POST', url, { consentedOn: '25/11/2026', evidence: 'form' })).json().details).toEqual([expect.objectContaining({ field: 'consentedOn' })]);
      const future = await desk('POST', url, { consentedOn: '2999-01-01', evidence: 'form' });
      expect(future.statusCode).toBe(400);
      expect(future.json().details).toEqual([expect.objectContaining({ field: 'consentedOn', rule: 'notInFuture' })]);
      expect((await desk('POST', url, { consentedOn: '2026-11-25', evidence: 'form' }, sales)).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url, payload: { consentedOn: '2026-11-25', evidence: 'form' } })).statusCode).toBe(401);
      expect((await desk('POST', '/contacts/00000000-0000-4000-8000-000000000000/joint-use-consent', { consentedOn: '2026-11-25', evidence: 'form' })).statusCode).toBe(404);
      expect(await count()).toBe(0);
      expect((await read(created.id)).json()).toMatchObject({ jointUse: 'HELD', version: 1 });
    });

    it('never lifts, by a consent or an acquisition, a hold after the person objected, nor a suspension', async () => {
      // A person erased at their request, not to be contacted again, comes back.
      const objector = body({ method: 'BUSINESS_CARD' }, { phone: `03-6666-${String(1000 + people)}` });
      const first = (await register(objector)).json();
      const erasure = await requestFor('ERASURE', objector.email, first.id);
      expect((await desk('POST', `/subject-requests/${erasure}/erasure`, { doNotContactAgain: true })).statusCode).toBe(200);
      const returned = (await register({ ...objector, acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-23', noticeOfPurpose: notice(false) } })).json();
      expect((await read(returned.id)).json()).toMatchObject({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION', heldExplanation: expect.stringContaining('not to be contacted') });
      await desk('POST', `/contacts/${returned.id}/joint-use-consent`, { consentedOn: '2026-11-25', evidence: 'form' });
      await register({ ...objector, acquisition: { method: 'TRANSACTION_APPLICATION', acquiredOn: '2026-11-24', noticeOfPurpose: notice(true) } });
      expect((await read(returned.id)).json()).toMatchObject({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });
      const [latest] = (await eventsOf(returned.id, 3)).slice(-1);
      expect(latest).toMatchObject({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });

      // A person whose use is suspended at their request stays suspended.
      const suspendedBody = body({ method: 'BUSINESS_CARD' });
      const suspended = (await register(suspendedBody)).json();
      const suspension = await requestFor('SUSPENSION_OF_USE', suspendedBody.email, suspended.id);
      expect((await desk('POST', `/subject-requests/${suspension}/suspension`)).statusCode).toBe(200);
      await desk('POST', `/contacts/${suspended.id}/joint-use-consent`, { consentedOn: '2026-11-25', evidence: 'form' });
      await register({ ...suspendedBody, acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-24', noticeOfPurpose: notice(true) } });
      expect((await read(suspended.id)).json()).toMatchObject({ jointUse: 'SUSPENDED', heldReason: null });
    });
  });

  describe('the notification of purpose', () => {
    it('tells, for each acquisition, who acquired the data, when, how, under which notice, what was shown, and the company’s own purposes', async () => {
      const first = body({ method: 'WEB_INQUIRY', noticeOfPurpose: notice(false) });
      const created = (await register(first)).json();
      await register({ ...first, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-24' }, memo: `memo ${suffix}` }, salesOther);
      await desk('POST', `/contacts/${created.id}/joint-use-consent`, { consentedOn: '2026-11-25', evidence: `Signed form ${suffix}` });
      const request = await requestFor('NOTIFICATION_OF_PURPOSE', first.email, created.id);

      const bundle = await desk('GET', `/subject-requests/${request}/disclosure`);
      expect(bundle.statusCode).toBe(200);
      expect(bundle.json()).toMatchObject({ requestType: 'NOTIFICATION_OF_PURPOSE', notice: { version: JOINT_USE_NOTICE.version }, purposesOfUse: PURPOSES_OF_USE });
      expect(bundle.json().purposesOfUse).toHaveLength(9);
      const [person] = bundle.json().persons;
      const companyPurposes = PURPOSES_OF_USE.map((p) => ({ policyItem: p.policyItem, wording: p.wording }));
      expect(person.acquisitions).toEqual([
        {
          companyCode: company,
          acquiredOn: '2026-11-20',
          method: 'WEB_INQUIRY',
          noticeVersion: VERSION_ON_THOSE_DAYS,
          purposesShown: notice(false).purposesShown,
          jointUseNotified: false,
          noticeWording: `Inquiry form notice ${suffix}`,
          acquiringCompanyPurposes: companyPurposes,
        },
        {
          companyCode: other,
          acquiredOn: '2026-11-24',
          method: 'BUSINESS_CARD',
          noticeVersion: VERSION_ON_THOSE_DAYS,
          purposesShown: [],
          jointUseNotified: true,
          noticeWording: null,
          acquiringCompanyPurposes: companyPurposes,
        },
      ]);
      expect(person.jointUseConsents).toEqual([expect.objectContaining({ noticeVersion: VERSION_ON_THOSE_DAYS, consentedOn: '2026-11-25', recordedBy: `office-${suffix}` })]);
      // A notification of purpose is not a disclosure: no items, no intake-only fields.
      expect(person.contact).toBeNull();
      expect(bundle.body).not.toContain(`memo ${suffix}`);

      const page = await desk('GET', `/subject-requests/${request}/disclosure?format=html`);
      expect(page.body).toContain('Inquiry form notice');
      expect(page.body).toContain(PURPOSES_OF_USE[8]?.wording.slice(0, 60));
    });
  });

  describe('transaction history entries corrected at the person’s request', () => {
    it('corrects an entry’s date and description and deletes another, for every company, through the request, up to the topic', async () => {
      const first = body({ method: 'BUSINESS_CARD' }, {
        transactionHistory: [
          { occurredOn: '2026-10-01', description: `wrong ${suffix}`, companyCode: company },
          { occurredOn: '2026-10-02', description: `never happened ${suffix}`, companyCode: company },
        ],
      });
      const created = (await register(first)).json();
      await register({ ...first, transactionHistory: [{ occurredOn: '2026-10-03', description: `other's ${suffix}`, companyCode: other }] }, salesOther);
      const held = (await read(created.id)).json();
      expect(held.transactionHistory).toHaveLength(3);
      const [wrong, neverHappened, others] = held.transactionHistory as { id: string; description: string }[];
      expect(new Set([wrong?.id, neverHappened?.id, others?.id]).size).toBe(3);

      const request = await requestFor('CORRECTION', first.email, created.id);
      const corrected = await desk('PATCH', `/subject-requests/${request}/transaction-entries/${wrong?.id}`, { occurredOn: '2026-09-30', description: `right ${suffix}` });
      expect(corrected.statusCode).toBe(200);
      const deleted = await desk('DELETE', `/subject-requests/${request}/transaction-entries/${neverHappened?.id}`);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json().timeline.slice(-2)).toEqual([
        expect.objectContaining({ step: 'CORRECTED', actor: `office-${suffix}`, detail: { contactIds: [created.id], items: ['transactionHistory'], transactionEntry: { id: wrong?.id, change: 'CORRECTED', fields: ['occurredOn', 'description'] } } }),
        expect.objectContaining({ step: 'CORRECTED', detail: { contactIds: [created.id], items: ['transactionHistory'], transactionEntry: { id: neverHappened?.id, change: 'DELETED', fields: [] } } }),
      ]);
      expect(JSON.stringify(deleted.json().timeline)).not.toContain(`right ${suffix}`);

      const after = (await read(created.id)).json();
      expect(after.version).toBe(4);
      expect(after.transactionHistory).toEqual([
        { id: wrong?.id, occurredOn: '2026-09-30', description: `right ${suffix}`, companyCode: company },
        { id: others?.id, occurredOn: '2026-10-03', description: `other's ${suffix}`, companyCode: other },
      ]);
      // Each company's view follows the privacy office's change.
      expect((await read(created.id, sales)).json().transactionHistory.map((e: { description: string }) => e.description)).toEqual([`right ${suffix}`]);

      const events = await eventsOf(created.id, 4);
      expect(events.map((e) => [e.eventType, e.version])).toEqual([['ContactRegistered', 1], ['AcquisitionAdded', 2], ['ContactCorrected', 3], ['ContactCorrected', 4]]);
      expect(events[3].items.transactionHistory).toEqual([
        { occurredOn: '2026-09-30', description: `right ${suffix}`, companyCode: company },
        { occurredOn: '2026-10-03', description: `other's ${suffix}`, companyCode: other },
      ]);
      expect(events[3].raw).not.toContain(`never happened ${suffix}`);

      // The person's correction history keeps each change, by the privacy office.
      const corrections = (await dataSource.query(`SELECT company_code, corrected_by, stated_items FROM contact_corrections WHERE contact_id = $1 ORDER BY statement_order`, [created.id])) as {
        company_code: string | null;
        corrected_by: string;
        stated_items: unknown;
      }[];
      expect(corrections).toEqual([
        { company_code: null, corrected_by: `office-${suffix}`, stated_items: { transactionChanges: [{ id: wrong?.id, occurredOn: '2026-09-30', description: `right ${suffix}` }] } },
        { company_code: null, corrected_by: `office-${suffix}`, stated_items: { transactionChanges: [{ id: neverHappened?.id, deleted: true }] } },
      ]);
    });

    it('refuses an entry the confirmed persons do not hold, an empty or bad correction, and a request that is not for correction', async () => {
      const mine = body({ method: 'BUSINESS_CARD' });
      const created = (await register(mine)).json();
      const strangerEntry = (await read((await register(body({ method: 'BUSINESS_CARD' }))).json().id)).json().transactionHistory[0].id as string;
      const ownEntry = (await read(created.id)).json().transactionHistory[0].id as string;
      const request = await requestFor('CORRECTION', mine.email, created.id);

      const missing = await desk('DELETE', `/subject-requests/${request}/transaction-entries/${strangerEntry}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'TRANSACTION_ENTRY_NOT_FOUND' });
      const empty = await desk('PATCH', `/subject-requests/${request}/transaction-entries/${ownEntry}`, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().details).toEqual([expect.objectContaining({ field: 'occurredOn', rule: 'required' })]);
      const blank = await desk('PATCH', `/subject-requests/${request}/transaction-entries/${ownEntry}`, { description: null });
      expect(blank.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'description' })]));
      expect((await desk('PATCH', `/subject-requests/${request}/transaction-entries/not-a-uuid`, { description: 'x' })).statusCode).toBe(400);

      const disclosure = await requestFor('DISCLOSURE', mine.email, created.id);
      const wrongType = await desk('DELETE', `/subject-requests/${disclosure}/transaction-entries/${ownEntry}`);
      expect(wrongType.statusCode).toBe(409);
      expect(wrongType.json()).toMatchObject({ code: 'ACTION_NOT_FOR_THIS_REQUEST' });
      expect((await desk('DELETE', `/subject-requests/${request}/transaction-entries/${ownEntry}`, undefined, sales)).statusCode).toBe(403);

      expect((await read(created.id)).json()).toMatchObject({ version: 1, transactionHistory: [expect.objectContaining({ id: ownEntry })] });
    });
  });
});
