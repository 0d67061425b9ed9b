import { companyTopic, deadLetterTopic, Topics } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import {
  bearer,
  createPrivateBroker,
  createTestDatabase,
  eventually,
  freePort,
  kafkaConnectionAs,
  kafkaSettingsAs,
  readWholeTopic,
  startServiceProcess,
  testAuthSettings,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type PrivateBroker,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import type { Kafka } from 'kafkajs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { untilContactsKnows } from './company-register';
import { call } from './http-call';

interface Services {
  contacts: ServiceProcess;
  sharing: ServiceProcess;
  audit: ServiceProcess;
}

/**
 * Data subjects' rights across the three built services, on a broker of the test's own so that it can make
 * compaction aggressive on every topic and then look for the erased person in all of them.
 */
describe('data subjects’ rights: requests, disclosure, suspension and erasure that reach every copy', () => {
  const suffix = uniqueSuffix();
  const company = `RIGHTS-${suffix}`;
  const acquiring = `SALES-${suffix}`;
  const admin = bearer('admin', 'GROUP-HD', 'privacy-officer');
  // Values that must not survive the erasure anywhere: the database, the services' answers, any topic.
  const marker = {
    name: `権利 太郎${suffix}`,
    kana: `ケンリ タロウ${suffix}`,
    organization: `Marker Trading ${suffix} KK`,
    email: `taro.${suffix.toLowerCase()}@rights.example.co.jp`,
    phone: `03-5${suffix.replace(/\D/g, '').padEnd(3, '7').slice(0, 3)}-${String(Date.now() % 10_000).padStart(4, '0')}`,
    memo: `memo-${suffix}`,
  };
  /** The phone as the services store and publish it. */
  const canonicalPhone = `+81${marker.phone.slice(1).replace(/-/g, '')}`;
  /** Carried, with the person's values, by a malformed contact event that sharing dead-letters. */
  const deadLetterMarker = `dead-letter-${suffix}`;
  let deadLetterId: string;
  const databases: Record<keyof Services, TestDatabase> = {} as Record<keyof Services, TestDatabase>;
  let broker: PrivateBroker;
  let kafka: Kafka;
  let services: Services;
  let contactId: string;

  const request = async (type: string, person: Record<string, string>, more: Record<string, string> = {}) => {
    // A disclosure names how the person asked to receive it.
    const deliveryMethod = type === 'DISCLOSURE' || type === 'DISCLOSURE_OF_PROVISION_RECORD' ? { deliveryMethod: 'ELECTRONIC' } : {};
    const opened = await call(`${services.contacts.url}/subject-requests`, { method: 'POST', token: admin, body: { type, person, ...deliveryMethod, ...more } });
    expect(opened.status).toBe(201);
    return opened.body;
  };
  const confirm = async (id: string, contactIds: string[]) => {
    const identityCheck = { document: 'DRIVERS_LICENSE', representativeActed: false };
    const confirmed = await call(`${services.contacts.url}/subject-requests/${id}/confirmation`, { method: 'POST', token: admin, body: { contactIds, identityCheck } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.identityCheck).toMatchObject({ ...identityCheck, checkedBy: 'privacy-officer' });
    return confirmed.body;
  };
  const close = async (id: string) => {
    const closed = await call(`${services.contacts.url}/subject-requests/${id}/closure`, { method: 'POST', token: admin, body: { outcome: 'answered in writing' } });
    expect(closed.body).toMatchObject({ status: 'CLOSED' });
    return closed.body;
  };
  /** The messages a company's topic holds for the contact, oldest first: values, or null for withdrawals. */
  const companyCopies = async (id = contactId) => (await readWholeTopic(kafka, companyTopic(company))).filter((m) => m.key === id).map((m) => m.value);
  /** Rows of sharing's dead_letters table keyed by the contact, with the message as text. */
  const sharingDeadLetters = async (key: string) => {
    const db = new Client({ connectionString: databases.sharing.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT id, convert_from(message_value, 'UTF8') AS value FROM dead_letters WHERE message_key = convert_to($1, 'UTF8')`, [key]);
      return rows as { id: string; value: string }[];
    } finally {
      await db.end();
    }
  };
  const read = (purpose = 'MARKETING') => call(`${services.sharing.url}/shared-contacts/${contactId}?purpose=${purpose}`, { token: bearer('company', company) });

  beforeAll(async () => {
    broker = await createPrivateBroker();
    broker.start();
    kafka = createKafka(kafkaConnectionAs(broker, 'admin', 'rights-e2e'));
    for (const name of ['contacts', 'sharing', 'audit'] as const) databases[name] = await createTestDatabase(`rights_${name}`);
    const [contactsPort, sharingPort, auditPort] = [await freePort(), await freePort(), await freePort()];
    const common = { ...testAuthSettings(), LOG_LEVEL: 'warn' };
    const [contacts, sharing, audit] = await Promise.all([
      startServiceProcess('contacts', contactsPort, {
        ...common,
        ...kafkaSettingsAs(broker, 'contacts'),
        DATABASE_URL: databases.contacts.url,
        SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET,
        KAFKA_CONSUMER_GROUP: `contacts-rights-${suffix}`,
        SHARING_URL: `http://127.0.0.1:${sharingPort}`,
        AUDIT_URL: `http://127.0.0.1:${auditPort}`,
      }),
      startServiceProcess('sharing', sharingPort, { ...common, ...kafkaSettingsAs(broker, 'sharing'), DATABASE_URL: databases.sharing.url }),
      startServiceProcess('audit', auditPort, {
        ...common,
        ...kafkaSettingsAs(broker, 'audit'),
        DATABASE_URL: databases.audit.url,
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      }),
    ]);
    services = { contacts, sharing, audit };
    // The acquiring company is a member abroad: in the register, so its staff may register, but no recipient.
    for (const [code, country] of [
      [company, 'JP'],
      [acquiring, 'US'],
    ] as const) {
      const put = await call(`${sharing.url}/companies/${code}`, {
        method: 'PUT',
        token: admin,
        body: { legalName: `${code} KK`, country, relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
      });
      expect(put.status).toBe(200);
    }
    await untilContactsKnows(contacts.url, acquiring);

    const registered = await call(`${contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', acquiring, `staff-${suffix}`),
      body: {
        name: { full: marker.name, kana: marker.kana },
        organizationName: marker.organization,
        email: marker.email,
        phone: marker.phone,
        acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
        memo: marker.memo,
      },
    });
    expect(registered.status).toBe(201);
    contactId = registered.body.id;
    await eventually(async () => expect((await companyCopies()).at(-1)).toContain(marker.name), { timeoutMs: 60_000 });
    expect((await read()).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services ?? {}).map((service: ServiceProcess) => service.stop()));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
    broker?.destroy();
  });

  it('matches a person by e-mail, by phone, or by kana reading with organization, under other spellings', async () => {
    const byEmail = await request('NOTIFICATION_OF_PURPOSE', { email: marker.email.toUpperCase() });
    const byPhone = await request('NOTIFICATION_OF_PURPOSE', { phone: marker.phone.replace(/-/g, ' ') });
    const byKana = await request('NOTIFICATION_OF_PURPOSE', { name: marker.kana.replace(' ', '　'), organization: marker.organization.toUpperCase() });
    for (const opened of [byEmail, byPhone, byKana]) expect(opened.matches.map((m: { contactId: string }) => m.contactId)).toEqual([contactId]);
    expect(byKana.matches[0].matchedOn).toEqual(['name']);
    expect((await request('NOTIFICATION_OF_PURPOSE', { email: `nobody-${suffix}@example.co.jp` })).matches).toEqual([]);
    const refused = await call(`${services.contacts.url}/subject-requests`, { method: 'POST', token: admin, body: { type: 'DISCLOSURE', person: { name: 'only a name' } } });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toContain('person.organization');

    // Notification of purpose: the notice and its purposes, and nothing of the person's data.
    await confirm(byEmail.id, [contactId]);
    const notice = await call(`${services.contacts.url}/subject-requests/${byEmail.id}/disclosure`, { token: admin });
    expect(notice.body.notice.purposes.map((p: { code: string }) => p.code)).toContain('MARKETING');
    expect(notice.body.persons[0]).toMatchObject({ contactId, contact: null, sharing: null, recordOfProvision: null });
    for (const opened of [byEmail, byPhone, byKana]) await close(opened.id);
  });

  it('discloses everything held in every service, intake-only fields and the record of provision included, as JSON and as a page', async () => {
    const opened = await request('DISCLOSURE', { email: marker.email });
    const refusedEarly = await call(`${services.contacts.url}/subject-requests/${opened.id}/disclosure`, { token: admin });
    expect(refusedEarly.body).toMatchObject({ statusCode: 409, code: 'NO_CONFIRMED_PERSON' });
    await confirm(opened.id, [contactId]);
    // Audit records the company's read asynchronously; the bundle is prepared once it has.
    await eventually(
      async () => expect((await call(`${services.audit.url}/audit/contacts/${contactId}/record-of-provision`, { token: admin })).body.accesses.length).toBeGreaterThan(0),
      { timeoutMs: 30_000 },
    );
    const bundle = (await call(`${services.contacts.url}/subject-requests/${opened.id}/disclosure`, { token: admin })).body;
    const [person] = bundle.persons;
    expect(person.contact).toMatchObject({ email: marker.email, organizationName: marker.organization, jointUse: 'ACTIVE' });
    expect(person.acquisitions).toEqual([expect.objectContaining({ memo: marker.memo, acquiredBy: `staff-${suffix}`, companyCode: acquiring })]);
    expect(person.sharing).toMatchObject({ items: { email: marker.email }, deliveries: [expect.objectContaining({ companyCode: company, state: 'DELIVERED' })] });
    expect(person.recordOfProvision.provisions).toEqual(expect.arrayContaining([expect.objectContaining({ companyCode: company, kind: 'DELIVERED' })]));
    expect(person.recordOfProvision.accesses).toEqual(expect.arrayContaining([expect.objectContaining({ companyCode: company, purpose: 'MARKETING' })]));
    expect(bundle.notice.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const page = await call(`${services.contacts.url}/subject-requests/${opened.id}/disclosure?format=html`, { token: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain(marker.memo);
    expect(page.text).toContain(company);

    const provisionOnly = await request('DISCLOSURE_OF_PROVISION_RECORD', { phone: marker.phone });
    await confirm(provisionOnly.id, [contactId]);
    const record = await call(`${services.contacts.url}/subject-requests/${provisionOnly.id}/disclosure`, { token: admin });
    expect(record.body.persons[0]).toMatchObject({ contact: null, sharing: null, recordOfProvision: { provisions: expect.any(Array) } });

    const closed = await close(opened.id);
    expect(closed.timeline.map((t: { step: string }) => t.step)).toEqual(['OPENED', 'MATCHED', 'CONFIRMED', 'DISCLOSED', 'DISCLOSED', 'CLOSED']);
    expect(closed.timeline.every((t: { actor: string }) => t.actor === 'privacy-officer')).toBe(true);
    await close(provisionOnly.id);
  }, 60_000);

  it('corrects the person’s data, and the correction reaches the company', async () => {
    const opened = await request('CORRECTION', { email: marker.email });
    await confirm(opened.id, [contactId]);
    const wrongAction = await call(`${services.contacts.url}/subject-requests/${opened.id}/suspension`, { method: 'POST', token: admin });
    expect(wrongAction.body).toMatchObject({ statusCode: 409, code: 'ACTION_NOT_FOR_THIS_REQUEST' });
    const corrected = await call(`${services.contacts.url}/subject-requests/${opened.id}/correction`, { method: 'POST', token: admin, body: { changes: { title: `Director ${suffix}` } } });
    expect(corrected.status).toBe(200);
    await eventually(async () => expect((await companyCopies()).at(-1)).toContain(`Director ${suffix}`), { timeoutMs: 30_000 });

    // A wrongly described transaction is corrected and one that never happened deleted; the company's copy follows.
    const appended = await call(`${services.contacts.url}/contacts/${contactId}/transactions`, {
      method: 'POST',
      token: bearer('sales', acquiring, `staff-${suffix}`),
      body: { entries: [{ occurredOn: '2026-10-01', description: `Wrong order ${suffix}`, companyCode: acquiring }, { occurredOn: '2026-10-02', description: `Phantom order ${suffix}`, companyCode: acquiring }] },
    });
    expect(appended.status).toBe(201);
    await eventually(async () => expect((await companyCopies()).at(-1)).toContain(`Phantom order ${suffix}`), { timeoutMs: 30_000 });
    const history = (await call(`${services.contacts.url}/contacts/${contactId}`, { token: admin })).body.transactionHistory as { id: string; description: string }[];
    const wrong = history.find((entry) => entry.description === `Wrong order ${suffix}`);
    const phantom = history.find((entry) => entry.description === `Phantom order ${suffix}`);
    const entryUrl = (entry: { id: string } | undefined) => `${services.contacts.url}/subject-requests/${opened.id}/transaction-entries/${entry?.id}`;
    expect((await call(entryUrl(wrong), { method: 'PATCH', token: admin, body: { description: `Right order ${suffix}` } })).status).toBe(200);
    expect((await call(entryUrl(phantom), { method: 'DELETE', token: admin })).status).toBe(200);
    await eventually(
      async () => {
        const latest = (await companyCopies()).at(-1);
        expect(latest).toContain(`Right order ${suffix}`);
        expect(latest).not.toContain(`Phantom order ${suffix}`);
        expect(latest).not.toContain(`${wrong?.id}`);
      },
      { timeoutMs: 30_000 },
    );
    await close(opened.id);
  });

  it('suspends use: reads are refused, every company gets a withdrawal, nothing is delivered until the suspension is lifted', async () => {
    for (const type of ['SUSPENSION_OF_USE', 'SUSPENSION_OF_PROVISION']) {
      const opened = await request(type, { phone: marker.phone });
      await confirm(opened.id, [contactId]);
      expect((await call(`${services.contacts.url}/subject-requests/${opened.id}/suspension`, { method: 'POST', token: admin })).status).toBe(200);
      await eventually(async () => expect((await companyCopies()).at(-1)).toBeNull(), { timeoutMs: 30_000 });
      await eventually(async () => expect((await read()).body).toMatchObject({ statusCode: 403, code: 'CONTACT_SUSPENDED' }));

      // A correction while suspended is not delivered.
      const copies = (await companyCopies()).length;
      await call(`${services.contacts.url}/contacts/${contactId}`, { method: 'PATCH', token: admin, body: { version: (await call(`${services.contacts.url}/contacts/${contactId}`, { token: admin })).body.version, department: `Sales ${type}` } });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await companyCopies()).toHaveLength(copies);

      expect((await call(`${services.contacts.url}/subject-requests/${opened.id}/suspension`, { method: 'DELETE', token: admin })).status).toBe(200);
      await eventually(async () => expect((await companyCopies()).at(-1)).toContain(`Sales ${type}`), { timeoutMs: 30_000 });
      expect((await read()).status).toBe(200);
      const closed = await close(opened.id);
      expect(closed.timeline.map((t: { step: string }) => t.step)).toEqual(['OPENED', 'MATCHED', 'CONFIRMED', 'SUSPENDED', 'SUSPENSION_LIFTED', 'CLOSED']);
    }
  }, 120_000);

  it('raises an alert for a request received more than 14 days ago, however recently it was entered', async () => {
    const receivedOn = new Date(Date.now() + 9 * 3_600_000 - 15 * 86_400_000).toISOString().slice(0, 10);
    const opened = await request('DISCLOSURE', { email: `late-${suffix}@example.co.jp` }, { receivedOn });
    expect((await call(`${services.contacts.url}/subject-requests/${opened.id}`, { token: admin })).body).toMatchObject({ receivedOn, ageDays: 15, overdue: true });
    const alerts = await call(`${services.contacts.url}/desk-alerts?status=OPEN`, { token: admin });
    expect(alerts.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'REQUEST_OVERDUE', subjectId: opened.id })]));
    await close(opened.id);
  });

  it('refuses part of a disclosure on a ground of the law: the printed bundle for paper says what was withheld, why, and that the reasons may be explained', async () => {
    const opened = await request('DISCLOSURE', { email: marker.email }, { deliveryMethod: 'PAPER' });
    await confirm(opened.id, [contactId]);
    const refusal = { extent: 'PART', ground: 'SERIOUS_HINDRANCE_TO_BUSINESS', explanation: `Internal negotiation notes ${suffix}`, refusedPart: 'The memo of the acquisition' };
    const refused = await call(`${services.contacts.url}/subject-requests/${opened.id}/refusal`, { method: 'POST', token: admin, body: refusal });
    expect(refused.status).toBe(200);
    const bundle = await call(`${services.contacts.url}/subject-requests/${opened.id}/disclosure`, { token: admin });
    expect(bundle.body).toMatchObject({ deliveryMethod: 'PAPER', refusal, persons: [expect.objectContaining({ contactId })] });
    const page = await call(`${services.contacts.url}/subject-requests/${opened.id}/disclosure?format=html`, { token: admin });
    for (const text of ['Partial refusal', 'The memo of the acquisition', `Internal negotiation notes ${suffix}`, 'art. 36', 'Delivery on paper', '@page{size:A4']) expect(page.text).toContain(text);
    const closed = (await call(`${services.contacts.url}/subject-requests/${opened.id}/closure`, { method: 'POST', token: admin, body: { outcome: 'Sent by post' } })).body;
    expect(closed).toMatchObject({ status: 'CLOSED', result: 'PARTIALLY_REFUSED' });
    expect(closed.timeline.map((t: { step: string }) => t.step)).toEqual(['OPENED', 'MATCHED', 'CONFIRMED', 'REFUSED', 'DISCLOSED', 'DISCLOSED', 'CLOSED']);
  });

  it('takes a complaint from anyone, answers and closes it', async () => {
    const complaint = await call(`${services.contacts.url}/subject-requests`, { method: 'POST', token: admin, body: { type: 'COMPLAINT', summary: 'Called by a company I never met' } });
    expect(complaint.body).toMatchObject({ type: 'COMPLAINT', matches: [], deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const answered = await call(`${services.contacts.url}/subject-requests/${complaint.body.id}/response`, { method: 'POST', token: admin, body: { summary: 'Explained the joint use' } });
    expect(answered.status).toBe(200);
    expect((await close(complaint.body.id)).timeline.map((t: { step: string }) => t.step)).toEqual(['OPENED', 'MATCHED', 'RESPONDED', 'CLOSED']);
  });

  it('erases a person inactive for the retention period once the administrator confirms the proposal: from contacts, sharing and the company’s topic', async () => {
    const registered = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', acquiring, `staff-${suffix}`),
      body: { name: { full: `保存 次郎${suffix}` }, organizationName: `Dormant ${suffix} KK`, email: `dormant-${suffix.toLowerCase()}@example.co.jp`, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2019-04-01' } },
    });
    expect(registered.status).toBe(201);
    const dormant = registered.body.id as string;
    await eventually(async () => expect((await companyCopies(dormant)).at(-1)).toContain(`Dormant ${suffix} KK`), { timeoutMs: 60_000 });
    const db = new Client({ connectionString: databases.contacts.url });
    await db.connect();
    try {
      await db.query(`UPDATE contacts SET created_at = now() - interval '6 years' WHERE id = $1`, [dormant]);
      await db.query(`UPDATE acquisitions SET created_at = now() - interval '6 years' WHERE contact_id = $1`, [dormant]);
      await db.query(`UPDATE contact_corrections SET recorded_at = now() - interval '6 years' WHERE contact_id = $1`, [dormant]);
    } finally {
      await db.end();
    }
    const proposals = (await call(`${services.contacts.url}/retention-proposals`, { token: admin })).body as { id: string; contactId: string }[];
    const proposal = proposals.find((p) => p.contactId === dormant);
    expect(proposals.map((p) => p.contactId)).not.toContain(contactId);
    expect(proposal).toMatchObject({ status: 'PROPOSED', reason: expect.stringContaining('retention period 5 years') });
    const confirmed = await call(`${services.contacts.url}/retention-proposals/${proposal?.id}/confirmation`, { method: 'POST', token: admin });
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', decidedBy: 'privacy-officer' });
    expect((await call(`${services.contacts.url}/contacts/${dormant}`, { token: admin })).status).toBe(404);
    await eventually(async () => expect((await call(`${services.sharing.url}/shared-contacts/${dormant}/holdings`, { token: admin })).status).toBe(404), { timeoutMs: 30_000 });
    await eventually(async () => expect((await companyCopies(dormant)).at(-1)).toBeNull(), { timeoutMs: 30_000 });
  }, 120_000);

  it('keeps a malformed contact event in sharing’s database, and puts only a reference to it on the dead-letter topic', async () => {
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const malformed = { eventId: randomUUID(), contactId, note: deadLetterMarker, items: { name: { full: marker.name }, email: marker.email, phone: canonicalPhone, memo: marker.memo } };
    await producer.send({ topic: Topics.contact, acks: -1, messages: [{ key: contactId, value: JSON.stringify(malformed) }] });
    await producer.disconnect();

    const [letter] = await eventually(async () => {
      const rows = await sharingDeadLetters(contactId);
      expect(rows).toHaveLength(1);
      return rows;
    }, { timeoutMs: 30_000 });
    expect(letter?.value).toContain(deadLetterMarker);
    deadLetterId = letter?.id ?? '';
    const references = await eventually(async () => {
      const found = (await readWholeTopic(kafka, deadLetterTopic(Topics.contact))).filter((m) => m.key === contactId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.parse(references[0]?.value ?? '{}')).toMatchObject({ deadLetterId, topic: Topics.contact, key: contactId, reason: { code: 'MALFORMED_EVENT' } });
    for (const value of [...Object.values(marker), canonicalPhone, deadLetterMarker]) expect(JSON.stringify(references[0])).not.toContain(value);
  });

  it('holds a person never told of joint use out of it in sharing, and delivers them once their consent is recorded', async () => {
    const registered = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', acquiring, `staff-${suffix}`),
      body: {
        name: { full: 'Untold Person' },
        organizationName: `Untold ${suffix} KK`,
        email: `untold.${suffix.toLowerCase()}@example.co.jp`,
        acquisition: { method: 'WEB_INQUIRY', acquiredOn: '2026-11-20', noticeOfPurpose: { purposesShown: ['To answer your inquiry'], jointUseNotified: false } },
      },
    });
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    const holdings = () => call(`${services.sharing.url}/shared-contacts/${id}/holdings`, { token: admin });
    await eventually(async () => expect((await holdings()).body).toMatchObject({ subjectStatus: 'HELD', deliveries: [] }), { timeoutMs: 30_000 });
    expect(await companyCopies(id)).toEqual([]);

    const consent = await call(`${services.contacts.url}/contacts/${id}/joint-use-consent`, { method: 'POST', token: admin, body: { consentedOn: '2026-11-25', evidence: 'signed form' } });
    expect(consent.body).toMatchObject({ jointUse: 'ACTIVE', heldReason: null });
    await eventually(async () => expect((await companyCopies(id)).at(-1)).toContain('Untold Person'), { timeoutMs: 30_000 });
  }, 60_000);

  it('erases the person from contacts, sharing and every company, keeps audit by id only, and holds a returning person out of joint use', async () => {
    const opened = await request('ERASURE', { email: marker.email });
    await confirm(opened.id, [contactId]);
    const erased = await call(`${services.contacts.url}/subject-requests/${opened.id}/erasure`, { method: 'POST', token: admin, body: { doNotContactAgain: true } });
    expect(erased.status).toBe(200);
    expect(JSON.stringify(erased.body)).not.toContain(marker.email);
    // The dead letter keyed by the person goes with the person's copy in sharing.
    await eventually(async () => expect(await sharingDeadLetters(contactId)).toEqual([]), { timeoutMs: 30_000 });

    expect((await call(`${services.contacts.url}/contacts/${contactId}`, { token: admin })).status).toBe(404);
    await eventually(async () => expect((await call(`${services.sharing.url}/shared-contacts/${contactId}/holdings`, { token: admin })).status).toBe(404), { timeoutMs: 30_000 });
    await eventually(async () => expect((await companyCopies()).at(-1)).toBeNull());
    const record = await eventually(async () => {
      const answer = await call(`${services.audit.url}/audit/contacts/${contactId}/record-of-provision`, { token: admin });
      expect(answer.body.provisions.at(-1)).toMatchObject({ companyCode: company, kind: 'WITHDRAWN' });
      return answer;
    });
    for (const value of [...Object.values(marker), canonicalPhone]) expect(record.text).not.toContain(value);

    // The same person comes back under other spellings of the same e-mail and phone.
    const returning = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', acquiring, `staff-${suffix}`),
      body: {
        name: { full: 'Returning Person' },
        organizationName: `Returning ${suffix} KK`,
        email: marker.email.toUpperCase().replace('@', '＠'),
        phone: `+81 ${marker.phone.slice(1).replace(/-/g, ' ')}`,
        acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-24' },
      },
    });
    expect(returning.status).toBe(201);
    // Sales staff are not told that the person is held; the administrator sees it.
    expect(returning.body).not.toHaveProperty('jointUse');
    expect((await call(`${services.contacts.url}/contacts/${returning.body.id}`, { token: admin })).body).toMatchObject({ jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' });
    const alerts = await call(`${services.contacts.url}/desk-alerts?status=OPEN`, { token: admin });
    expect(alerts.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'SUPPRESSED_PERSON_RETURNED', subjectId: returning.body.id })]));
    await eventually(async () => expect((await call(`${services.sharing.url}/shared-contacts/${returning.body.id}/holdings`, { token: admin })).body).toMatchObject({ subjectStatus: 'HELD', deliveries: [] }), {
      timeoutMs: 30_000,
    });
    expect(await companyCopies(returning.body.id)).toEqual([]);
    await close(opened.id);

    // The administrator decides: this one is erased too.
    const again = await request('ERASURE', { phone: marker.phone });
    expect(again.matches.map((m: { contactId: string }) => m.contactId)).toEqual([returning.body.id]);
    await confirm(again.id, [returning.body.id]);
    expect((await call(`${services.contacts.url}/subject-requests/${again.id}/erasure`, { method: 'POST', token: admin, body: { doNotContactAgain: true } })).status).toBe(200);
    await close(again.id);
  }, 90_000);

  it('leaves no trace of the erased person in any topic once Kafka has compacted', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    const compacted = [Topics.contact, companyTopic(company)];
    // Aggressive compaction on the compacted topics: small segments, clean at once, forget tombstones quickly.
    await admin.alterConfigs({
      validateOnly: false,
      resources: compacted.map((name) => ({
        type: 2, // TOPIC
        name,
        // Not an incremental change: every setting the topic keeps must be named, its cleanup policy first.
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.ms', value: '100' },
          { name: 'min.cleanable.dirty.ratio', value: '0.01' },
          { name: 'min.compaction.lag.ms', value: '0' },
          { name: 'max.compaction.lag.ms', value: '100' },
          { name: 'delete.retention.ms', value: '100' },
        ],
      })),
    });
    const producer = kafka.producer();
    await producer.connect();
    const metadata = kafka.admin();
    await metadata.connect();
    const partitionsOf = new Map<string, number[]>();
    for (const topic of compacted) {
      const [described] = (await metadata.fetchTopicMetadata({ topics: [topic] })).topics;
      partitionsOf.set(topic, (described?.partitions ?? []).map((p) => p.partitionId));
    }
    await metadata.disconnect();
    try {
      await eventually(
        async () => {
          // The active segment is never cleaned: a message after segment.ms closes it, in every partition.
          for (const topic of compacted) {
            await producer.send({ topic, messages: (partitionsOf.get(topic) ?? [0]).map((partition) => ({ key: randomUUID(), value: null, partition })) });
          }
          const leftovers: string[] = [];
          for (const topic of topics) {
            for (const message of await readWholeTopic(kafka, topic)) {
              const text = `${message.key ?? ''} ${message.value ?? ''}`;
              for (const [item, value] of Object.entries({ ...marker, canonicalPhone, deadLetterMarker })) {
                if (text.includes(value)) leftovers.push(`${topic}@${message.partition}:${message.offset} holds the ${item}`);
              }
            }
          }
          expect(leftovers).toEqual([]);
        },
        { timeoutMs: 120_000, intervalMs: 2000 },
      );
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    // The audit topics never carried the person's data at all; they are among the topics read above.
    expect(topics).toEqual(expect.arrayContaining([Topics.access, Topics.provision, Topics.contact, companyTopic(company), deadLetterTopic(Topics.contact)]));
    // The dead-letter topic keeps its reference, which names the dead letter that the erasure deleted.
    const references = (await readWholeTopic(kafka, deadLetterTopic(Topics.contact))).filter((m) => m.key === contactId);
    expect(references.map((m) => JSON.parse(m.value ?? '{}').deadLetterId)).toEqual([deadLetterId]);
    const db = new Client({ connectionString: databases.sharing.url });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM dead_letters WHERE message_value IS NOT NULL AND position(convert_to($1, 'UTF8') IN message_value) > 0`, [deadLetterMarker]);
    await db.end();
    expect(rows).toEqual([{ n: 0 }]);
  }, 150_000);
});
