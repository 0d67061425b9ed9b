import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { addDays, japanDateOf } from '../src/rights/request-deadline';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const company = `PROC-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);
const officer = `officer-${suffix}`;
const admin = bearer('admin', 'GROUP-HD', officer);
const today = () => japanDateOf(new Date());
const passport = { document: 'PASSPORT', representativeActed: false };

let people = 0;

describe('the procedure of a data subject’s request: identity check, day received, refusals, delivery, complaints', () => {
  const kafka = createKafka(testKafka('contacts-procedure-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const desk = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: admin }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const stored = async () =>
    (await dataSource.query(`SELECT (SELECT count(*)::int FROM subject_requests) AS requests, (SELECT count(*)::int FROM subject_request_timeline) AS steps`))[0] as Record<string, number>;

  /** A registered person and a request about them, opened with the body's other fields. */
  const personAndRequest = async (body: Record<string, unknown>) => {
    people += 1;
    const email = `proc${people}.${suffix.toLowerCase()}@example.co.jp`;
    const contact = await app.inject({
      method: 'POST',
      url: '/contacts',
      headers: { authorization: sales },
      payload: { name: { full: '手続 太郎' }, organizationName: `Procedure ${suffix} KK`, email, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' } },
    });
    expect(contact.statusCode).toBe(201);
    const opened = await desk('POST', '/subject-requests', { person: { email }, ...body });
    expect(opened.statusCode).toBe(201);
    return { contactId: contact.json().id as string, request: opened.json() };
  };

  beforeAll(async () => {
    database = await createTestDatabase('contacts_procedure');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('confirmation records how the identity was checked', () => {
    it('records the document, the day, the checking officer and the representative, in the request and its timeline', async () => {
      const { contactId, request } = await personAndRequest({ type: 'CORRECTION', receivedOn: addDays(today(), -3) });
      const identityCheck = {
        document: 'MY_NUMBER_CARD',
        checkedOn: addDays(today(), -1),
        representativeActed: true,
        representative: { name: '手続 花子', authority: 'LEGAL_REPRESENTATIVE', authorityDocument: 'Family register extract dated 2026-11-01' },
      };
      const confirmed = await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [contactId], identityCheck });
      expect(confirmed.statusCode).toBe(200);
      const expected = { ...identityCheck, documentDescription: null, checkedBy: officer, recordedAt: expect.any(String) };
      expect(confirmed.json()).toMatchObject({ confirmedContactIds: [contactId], identityCheck: expected });
      expect(confirmed.json().timeline.at(-1)).toMatchObject({ step: 'CONFIRMED', actor: officer, detail: { contactIds: [contactId], identityCheck: expected } });
      expect((await desk('GET', `/subject-requests/${request.id}`)).json().identityCheck).toEqual(expected);
    });

    it('answers a missing or bad check with 400 naming the field and the rule, and stores nothing', async () => {
      const { contactId, request } = await personAndRequest({ type: 'CORRECTION', receivedOn: addDays(today(), -2) });
      const before = await stored();
      for (const [identityCheck, field, rule] of [
        [undefined, 'identityCheck', 'required'],
        [{ document: 'STUDENT_ID', representativeActed: false }, 'identityCheck.document', 'isIn'],
        [{ document: 'OTHER', representativeActed: false }, 'identityCheck.documentDescription', 'required'],
        [{ document: 'PASSPORT', representativeActed: true }, 'identityCheck.representative', 'required'],
        [{ document: 'PASSPORT', representativeActed: false, representative: { name: 'x', authority: 'DELEGATED_AGENT', authorityDocument: 'y' } }, 'identityCheck.representative', 'onlyWithRepresentative'],
        [{ document: 'PASSPORT', representativeActed: false, checkedOn: addDays(today(), 1) }, 'identityCheck.checkedOn', 'japanDateNotInFuture'],
        [{ document: 'PASSPORT', representativeActed: false, checkedOn: addDays(today(), -5) }, 'identityCheck.checkedOn', 'notBeforeReceived'],
        [{ document: 'MY_NUMBER_CARD', representativeActed: false, cardNumber: '1234' }, 'identityCheck.cardNumber', 'whitelistValidation'],
      ] as const) {
        const refused = await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [contactId], ...(identityCheck ? { identityCheck } : {}) });
        expect({ field, status: refused.statusCode }).toEqual({ field, status: 400 });
        expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field, rule })] });
      }
      expect(await stored()).toEqual(before);
      expect((await desk('GET', `/subject-requests/${request.id}`)).json()).toMatchObject({ confirmedContactIds: [], identityCheck: null });
    });
  });

  describe('the day received', () => {
    it('counts the age, the deadline and the overdue flag from receivedOn, not from when it was entered', async () => {
      const received = addDays(today(), -20);
      const { request } = await personAndRequest({ type: 'CORRECTION', receivedOn: received });
      expect(request).toMatchObject({ receivedOn: received, deadline: addDays(received, 14), ageDays: 20, overdue: true });
      expect(request.timeline[0]).toMatchObject({ step: 'OPENED', detail: { receivedOn: received } });
      const alerts = (await desk('GET', '/desk-alerts?status=OPEN')).json() as { kind: string; subjectId: string; detail: string }[];
      expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'REQUEST_OVERDUE', subjectId: request.id, detail: expect.stringContaining(`received ${received}`) })]));
      const overdue = (await dataSource.query(`SELECT count(*)::int AS n FROM subject_requests WHERE status = 'OPEN' AND received_on + 14 < $1::date`, [today()]))[0].n;
      expect((await desk('GET', '/desk-alerts/summary')).json()).toEqual({ openAlerts: alerts.length, overdueRequests: overdue, retentionProposals: 0 });
      expect(overdue).toBeGreaterThan(0);
    });

    it('defaults to today in Japan; a request received on its deadline day is not yet overdue', async () => {
      const { request } = await personAndRequest({ type: 'CORRECTION' });
      expect(request).toMatchObject({ receivedOn: today(), deadline: addDays(today(), 14), ageDays: 0, overdue: false });
      const onDeadline = (await personAndRequest({ type: 'CORRECTION', receivedOn: addDays(today(), -14) })).request;
      expect(onDeadline).toMatchObject({ ageDays: 14, overdue: false });
      const alerts = (await desk('GET', '/desk-alerts?status=OPEN')).json() as { subjectId: string }[];
      expect(alerts.map((a) => a.subjectId)).not.toEqual(expect.arrayContaining([request.id]));
      expect(alerts.map((a) => a.subjectId)).not.toEqual(expect.arrayContaining([onDeadline.id]));
    });

    it('refuses a day in the future or not a date with 400, and opens nothing', async () => {
      const before = await stored();
      for (const receivedOn of [addDays(today(), 1), '2026-13-01', '25/11/2026']) {
        const refused = await desk('POST', '/subject-requests', { type: 'CORRECTION', person: { email: 'x@example.co.jp' }, receivedOn });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().details).toEqual([expect.objectContaining({ field: 'receivedOn', rule: 'japanDateNotInFuture' })]);
      }
      expect(await stored()).toEqual(before);
    });
  });

  describe('refusals', () => {
    it('refuses a disclosure in part with what was refused, shows it on the request, the timeline and the printed bundle, and closes PARTIALLY_REFUSED', async () => {
      const { contactId, request } = await personAndRequest({ type: 'NOTIFICATION_OF_PURPOSE', deliveryMethod: 'PAPER' });
      await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [contactId], identityCheck: passport });
      const withoutPart = await desk('POST', `/subject-requests/${request.id}/refusal`, { extent: 'PART', ground: 'RISK_TO_LIFE_OR_RIGHTS', explanation: 'Names a third party' });
      expect(withoutPart.statusCode).toBe(400);
      expect(withoutPart.json().details).toEqual([expect.objectContaining({ field: 'refusedPart', rule: 'required' })]);
      const refusal = { extent: 'PART', ground: 'RISK_TO_LIFE_OR_RIGHTS', explanation: 'The memo names a third party <b>who</b> asked not to be named', refusedPart: 'The memo of the acquisition' };
      const refused = await desk('POST', `/subject-requests/${request.id}/refusal`, refusal);
      expect(refused.statusCode).toBe(200);
      expect(refused.json().refusal).toEqual({ ...refusal, refusedAt: expect.any(String), refusedBy: officer });
      expect(refused.json().timeline.at(-1)).toMatchObject({ step: 'REFUSED', detail: refusal });

      const bundle = await desk('GET', `/subject-requests/${request.id}/disclosure`);
      expect(bundle.statusCode).toBe(200);
      expect(bundle.json()).toMatchObject({ deliveryMethod: 'PAPER', refusal: { extent: 'PART', ground: 'RISK_TO_LIFE_OR_RIGHTS' }, persons: [expect.objectContaining({ contactId })] });
      const page = await desk('GET', `/subject-requests/${request.id}/disclosure?format=html`);
      expect(page.body).toContain('Partial refusal');
      expect(page.body).toContain('The memo of the acquisition');
      expect(page.body).toContain('&lt;b&gt;who&lt;/b&gt;');
      expect(page.body).toContain('art. 36');
      expect(page.body).toContain('Delivery on paper');
      expect(page.body).toContain('<body class="paper">');
      expect(page.body).toContain('@page{size:A4');

      const contradicted = await desk('POST', `/subject-requests/${request.id}/closure`, { outcome: 'sent', result: 'ANSWERED' });
      expect(contradicted.statusCode).toBe(422);
      expect(contradicted.json()).toMatchObject({ code: 'RESULT_CONTRADICTS_REFUSAL', details: [expect.objectContaining({ field: 'result' })] });
      const closed = await desk('POST', `/subject-requests/${request.id}/closure`, { outcome: 'Sent by post, the memo withheld' });
      expect(closed.json()).toMatchObject({ status: 'CLOSED', result: 'PARTIALLY_REFUSED' });
      expect(closed.json().timeline.at(-1)).toMatchObject({ step: 'CLOSED', detail: { result: 'PARTIALLY_REFUSED' } });
    });

    it('refused in whole, the bundle carries the refusal and its reasons and none of the person’s data, even with nobody confirmed', async () => {
      const { request } = await personAndRequest({ type: 'DISCLOSURE', deliveryMethod: 'ELECTRONIC' });
      await desk('POST', `/subject-requests/${request.id}/refusal`, { extent: 'WHOLE', ground: 'IDENTITY_NOT_VERIFIED', explanation: 'The copy of the licence sent was unreadable' });
      const bundle = await desk('GET', `/subject-requests/${request.id}/disclosure`);
      expect(bundle.statusCode).toBe(200);
      expect(bundle.json()).toMatchObject({ persons: [], deliveryMethod: 'ELECTRONIC', refusal: { extent: 'WHOLE', ground: 'IDENTITY_NOT_VERIFIED' } });
      const page = await desk('GET', `/subject-requests/${request.id}/disclosure?format=html`);
      expect(page.body).toContain('Refusal');
      expect(page.body).toContain('could not verify');
      expect(page.body).toContain('art. 36');
      expect(page.body).not.toContain('class="paper"');
      expect((await desk('POST', `/subject-requests/${request.id}/closure`, { outcome: 'Refusal sent', result: 'REFUSED' })).json()).toMatchObject({ result: 'REFUSED' });
    });

    it('refuses a ground the type of request does not have with 422, and a refused closing without a refusal with 400', async () => {
      const { request } = await personAndRequest({ type: 'CORRECTION' });
      const before = await stored();
      const wrongGround = await desk('POST', `/subject-requests/${request.id}/refusal`, { extent: 'WHOLE', ground: 'RISK_TO_LIFE_OR_RIGHTS', explanation: 'x' });
      expect(wrongGround.statusCode).toBe(422);
      expect(wrongGround.json()).toMatchObject({ code: 'GROUND_NOT_FOR_THIS_REQUEST', details: [expect.objectContaining({ field: 'ground', rule: 'groundForType' })] });
      const noRefusal = await desk('POST', `/subject-requests/${request.id}/closure`, { outcome: 'refused', result: 'REFUSED' });
      expect(noRefusal.statusCode).toBe(400);
      expect(noRefusal.json().details).toEqual([expect.objectContaining({ field: 'refusal', rule: 'required' })]);
      expect(await stored()).toEqual(before);
      const tooLong = await desk('POST', `/subject-requests/${request.id}/refusal`, { extent: 'WHOLE', ground: 'NOT_WITHIN_GROUNDS', explanation: 'x'.repeat(2001) });
      expect(tooLong.json().details).toEqual([expect.objectContaining({ field: 'explanation', rule: 'maxLength' })]);
      const closed = await desk('POST', `/subject-requests/${request.id}/closure`, {
        outcome: 'The data is accurate',
        refusal: { extent: 'WHOLE', ground: 'NOT_WITHIN_GROUNDS', explanation: 'The title held matches the card given at the meeting' },
      });
      expect(closed.json()).toMatchObject({ status: 'CLOSED', result: 'REFUSED', refusal: { ground: 'NOT_WITHIN_GROUNDS' } });
      expect(closed.json().timeline.map((t: { step: string }) => t.step).slice(-2)).toEqual(['REFUSED', 'CLOSED']);
    });
  });

  describe('the delivery method', () => {
    it('is required for a disclosure, changeable until closed, and kept on the timeline', async () => {
      const missing = await desk('POST', '/subject-requests', { type: 'DISCLOSURE', person: { email: 'x@example.co.jp' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().details).toEqual([expect.objectContaining({ field: 'deliveryMethod', rule: 'required' })]);
      const { request } = await personAndRequest({ type: 'DISCLOSURE_OF_PROVISION_RECORD', deliveryMethod: 'ELECTRONIC' });
      const changed = await desk('PUT', `/subject-requests/${request.id}/delivery-method`, { deliveryMethod: 'PAPER' });
      expect(changed.json()).toMatchObject({ deliveryMethod: 'PAPER' });
      expect(changed.json().timeline.at(-1)).toMatchObject({ step: 'DELIVERY_METHOD_SET', detail: { from: 'ELECTRONIC', to: 'PAPER' } });
      expect((await desk('PUT', `/subject-requests/${request.id}/delivery-method`, { deliveryMethod: 'FAX' })).statusCode).toBe(400);
      await desk('POST', `/subject-requests/${request.id}/closure`, { outcome: 'withdrawn by the person' });
      const late = await desk('PUT', `/subject-requests/${request.id}/delivery-method`, { deliveryMethod: 'ELECTRONIC' });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('REQUEST_CLOSED');
    });
  });

  describe('complaints and consultations', () => {
    it('opens a complaint without a person, answers it without a confirmation, and closes it on the same clock', async () => {
      const opened = await desk('POST', '/subject-requests', { type: 'COMPLAINT', summary: 'Was called by two group companies about the same event', receivedOn: addDays(today(), -16) });
      expect(opened.statusCode).toBe(201);
      const complaint = opened.json();
      expect(complaint).toMatchObject({ type: 'COMPLAINT', person: {}, matches: [], summary: expect.stringContaining('two group companies'), ageDays: 16, overdue: true });
      expect((await desk('POST', `/subject-requests/${complaint.id}/correction`, { changes: { title: 'x' } })).json().code).toBe('ACTION_NOT_FOR_THIS_REQUEST');
      const refused = await desk('POST', `/subject-requests/${complaint.id}/refusal`, { extent: 'WHOLE', ground: 'NOT_WITHIN_GROUNDS', explanation: 'x' });
      expect(refused.statusCode).toBe(422);
      const answered = await desk('POST', `/subject-requests/${complaint.id}/response`, { summary: 'Explained the joint use by phone; the second company removed the call from its list' });
      expect(answered.statusCode).toBe(200);
      expect(answered.json().timeline.at(-1)).toMatchObject({ step: 'RESPONDED', actor: officer, detail: { summary: expect.stringContaining('joint use') } });
      const closed = await desk('POST', `/subject-requests/${complaint.id}/closure`, { outcome: 'Answered by phone' });
      expect(closed.json()).toMatchObject({ status: 'CLOSED', result: 'ANSWERED', overdue: false });
      expect(closed.json().timeline.map((t: { step: string }) => t.step)).toEqual(['OPENED', 'MATCHED', 'RESPONDED', 'CLOSED']);
    });

    it('may match and confirm a person, and needs a summary', async () => {
      const { contactId, request } = await personAndRequest({ type: 'CONSULTATION', summary: 'How was my card acquired?' });
      expect(request.matches).toEqual([expect.objectContaining({ contactId })]);
      expect((await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [contactId], identityCheck: passport })).statusCode).toBe(200);
      const noSummary = await desk('POST', '/subject-requests', { type: 'COMPLAINT' });
      expect(noSummary.statusCode).toBe(400);
      expect(noSummary.json().details).toEqual([expect.objectContaining({ field: 'summary', rule: 'required' })]);
      expect((await desk('POST', '/subject-requests', { type: 'DISCLOSURE', deliveryMethod: 'PAPER' })).json().details).toEqual([expect.objectContaining({ field: 'person', rule: 'required' })]);
    });
  });
});
