import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { InvalidSettingsError } from '@registry/config';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, readWholeTopic, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { RetentionProposalsService } from '../src/rights/retention-proposals.service';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const company = `KEEP-${suffix}`;
const sales = bearer('sales', company, `staff-${suffix}`);
const administrator = `administrator-${suffix}`;
const admin = bearer('admin', 'GROUP-HD', administrator);

let people = 0;

describe('retention: persons inactive for the retention period are proposed for erasure, and erased only when confirmed', () => {
  const kafka = createKafka(testKafka('contacts-retention-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const desk = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, url, headers: { authorization: admin }, ...(payload === undefined ? {} : { payload }) });
  const register = async () => {
    people += 1;
    const response = await app.inject({
      method: 'POST',
      url: '/contacts',
      headers: { authorization: sales },
      payload: {
        name: { full: '保存 太郎' },
        organizationName: `Retention ${suffix} KK`,
        email: `keep${people}.${suffix.toLowerCase()}@example.co.jp`,
        acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2020-04-01' },
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  /** Moves everything recorded for the person back by the given interval, as if it had happened then. */
  const age = async (contactId: string, interval: string) => {
    await dataSource.query(`UPDATE contacts SET created_at = created_at - $2::interval WHERE id = $1`, [contactId, interval]);
    await dataSource.query(`UPDATE acquisitions SET created_at = created_at - $2::interval WHERE contact_id = $1`, [contactId, interval]);
    await dataSource.query(`UPDATE contact_corrections SET recorded_at = recorded_at - $2::interval WHERE contact_id = $1`, [contactId, interval]);
  };
  const proposals = async () => (await desk('GET', '/retention-proposals')).json() as { id: string; contactId: string; lastActivityAt: string; reason: string }[];
  const proposalFor = async (contactId: string) => (await proposals()).find((p) => p.contactId === contactId);

  beforeAll(async () => {
    database = await createTestDatabase('contacts_retention');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url, { RETENTION_INACTIVE_YEARS: '5', RETENTION_DISMISSAL_POSTPONE_DAYS: '30' }));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('proposes a person with nothing recorded for five years, with the last activity and why; not one with a recent transaction, nor a recent person', async () => {
    const inactive = await register();
    await age(inactive, '5 years 10 days');
    const recentTransaction = await register();
    await age(recentTransaction, '6 years');
    const transaction = await app.inject({
      method: 'POST',
      url: `/contacts/${recentTransaction}/transactions`,
      headers: { authorization: sales },
      payload: { entries: [{ occurredOn: '2026-11-01', description: 'Renewed contract', companyCode: company }] },
    });
    expect(transaction.statusCode).toBe(201);
    const recent = await register();
    await age(recent, '4 years 11 months');

    const found = await proposals();
    const proposal = found.find((p) => p.contactId === inactive);
    expect(proposal).toMatchObject({ status: 'PROPOSED', reason: expect.stringMatching(/^No acquisition, correction or transaction since \d{4}-\d{2}-\d{2} \(retention period 5 years\)$/) });
    expect(Date.now() - Date.parse(proposal?.lastActivityAt ?? '')).toBeGreaterThan(5 * 365 * 86_400_000);
    expect(found.map((p) => p.contactId)).not.toContain(recentTransaction);
    expect(found.map((p) => p.contactId)).not.toContain(recent);
    expect((await desk('GET', '/desk-alerts/summary')).json()).toMatchObject({ retentionProposals: found.length });
  });

  it('never proposes a person twice, however many replicas compute at once', async () => {
    const contactId = await register();
    await age(contactId, '7 years');
    const replicas = [app.get(RetentionProposalsService), app.get(RetentionProposalsService), app.get(RetentionProposalsService)];
    await Promise.all([...replicas.map((replica) => replica.propose()), desk('GET', '/retention-proposals')]);
    const rows = await dataSource.query(`SELECT count(*)::int AS n FROM retention_proposals WHERE contact_id = $1 AND status = 'PROPOSED'`, [contactId]);
    expect(rows[0].n).toBe(1);
  });

  it('erases the confirmed person the usual way (a tombstone on the contact topic) exactly once, when two confirmations race', async () => {
    const contactId = await register();
    await age(contactId, '6 years');
    const proposal = await proposalFor(contactId);
    expect(proposal).toBeDefined();
    const answers = await Promise.all([desk('POST', `/retention-proposals/${proposal?.id}/confirmation`), desk('POST', `/retention-proposals/${proposal?.id}/confirmation`)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 200)?.json()).toMatchObject({ status: 'CONFIRMED', decidedBy: administrator });
    expect(answers.find((a) => a.statusCode === 409)?.json()).toMatchObject({ code: 'RETENTION_PROPOSAL_DECIDED' });
    expect(await dataSource.query(`SELECT id FROM contacts WHERE id = $1`, [contactId])).toEqual([]);
    expect(await dataSource.query(`SELECT id FROM acquisitions WHERE contact_id = $1`, [contactId])).toEqual([]);
    await eventually(async () => {
      const messages = (await readWholeTopic(kafka, Topics.contact)).filter((m) => m.key === contactId);
      expect(messages.at(-1)?.value).toBeNull();
      expect(messages.filter((m) => m.value === null)).toHaveLength(1);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect((await desk('GET', '/retention-proposals?status=CONFIRMED')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ contactId })]));
  });

  it('keeps a dismissed person, with the reason, and proposes them again only after the postponement', async () => {
    const contactId = await register();
    await age(contactId, '6 years');
    const proposal = await proposalFor(contactId);
    const missingReason = await desk('POST', `/retention-proposals/${proposal?.id}/dismissal`, {});
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().details).toEqual([expect.objectContaining({ field: 'reason', rule: 'required' })]);
    const dismissed = await desk('POST', `/retention-proposals/${proposal?.id}/dismissal`, { reason: 'In a lawsuit: kept as evidence' });
    expect(dismissed.json()).toMatchObject({ status: 'DISMISSED', dismissalReason: 'In a lawsuit: kept as evidence', decidedBy: administrator, postponedUntil: expect.any(String) });
    expect(Date.parse(dismissed.json().postponedUntil) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await proposalFor(contactId)).toBeUndefined();
    expect((await desk('POST', `/retention-proposals/${proposal?.id}/confirmation`)).json().code).toBe('RETENTION_PROPOSAL_DECIDED');
    expect(await dataSource.query(`SELECT id FROM contacts WHERE id = $1`, [contactId])).toHaveLength(1);

    await dataSource.query(`UPDATE retention_proposals SET postponed_until = now() - interval '1 second' WHERE id = $1`, [proposal?.id]);
    expect(await proposalFor(contactId)).toMatchObject({ status: 'PROPOSED' });
  });

  it('withdraws the proposal instead of erasing a person who became active again, or one a request is open about', async () => {
    const activeAgain = await register();
    await age(activeAgain, '6 years');
    const proposal = await proposalFor(activeAgain);
    const correction = await app.inject({ method: 'PATCH', url: `/contacts/${activeAgain}`, headers: { authorization: sales }, payload: { version: 1, title: 'Director' } });
    expect(correction.statusCode).toBe(200);
    const refused = await desk('POST', `/retention-proposals/${proposal?.id}/confirmation`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PERSON_ACTIVE_AGAIN');
    expect(await dataSource.query(`SELECT status FROM retention_proposals WHERE id = $1`, [proposal?.id])).toEqual([{ status: 'WITHDRAWN' }]);
    expect(await dataSource.query(`SELECT id FROM contacts WHERE id = $1`, [activeAgain])).toHaveLength(1);

    const asking = await register();
    await age(asking, '6 years');
    const askingProposal = await proposalFor(asking);
    const email = (await dataSource.query(`SELECT email FROM contacts WHERE id = $1`, [asking]))[0].email as string;
    const request = (await desk('POST', '/subject-requests', { type: 'DISCLOSURE', person: { email }, deliveryMethod: 'PAPER' })).json();
    await desk('POST', `/subject-requests/${request.id}/confirmation`, { contactIds: [asking], identityCheck: { document: 'PASSPORT', representativeActed: false } });
    const held = await desk('POST', `/retention-proposals/${askingProposal?.id}/confirmation`);
    expect(held.json().code).toBe('PERSON_HAS_OPEN_REQUEST');
    expect(await dataSource.query(`SELECT id FROM contacts WHERE id = $1`, [asking])).toHaveLength(1);
  });

  it('refuses a bad retention setting at start-up, naming it', () => {
    for (const [value, message] of [
      ['0', 'RETENTION_INACTIVE_YEARS must be at least 1 year'],
      ['five', 'RETENTION_INACTIVE_YEARS must be a whole number of years (1 to 50)'],
      ['2.5', 'RETENTION_INACTIVE_YEARS must be a whole number of years (1 to 50)'],
    ]) {
      expect(() => contactsTestSettings(database.url, { RETENTION_INACTIVE_YEARS: value })).toThrow(InvalidSettingsError);
      expect(() => contactsTestSettings(database.url, { RETENTION_INACTIVE_YEARS: value })).toThrow(message);
    }
    expect(() => contactsTestSettings(database.url, { RETENTION_DISMISSAL_POSTPONE_DAYS: '0' })).toThrow('RETENTION_DISMISSAL_POSTPONE_DAYS must be at least 1 day');
    expect(contactsTestSettings(database.url)).toMatchObject({ RETENTION_INACTIVE_YEARS: 5, RETENTION_DISMISSAL_POSTPONE_DAYS: 365 });
  });
});
