import { Topics } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import {
  bearer,
  companyRegisterChanged,
  createTestDatabase,
  eventually,
  freePort,
  kafkaSettingsAs,
  publishRegisterChanges,
  sampleAccessEvent,
  sampleProvisionEvent,
  startServiceProcess,
  testAuthSettings,
  testBroker,
  testKafka,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { generateKeyPairSync } from 'node:crypto';
import { untilContactsKnows } from './company-register';
import { call } from './http-call';

/** Small enough to reach in a test, large enough that contacts follows more than one of audit's pages (1,000 entries at most). */
const BOUND = 1500;
const PROVISIONS = 700;

/**
 * A disclosure's record of provision, read from audit page by page: whole up to DISCLOSURE_RECORD_LIMIT entries,
 * and beyond it cut at the bound with the count and the route to the rest, in the JSON and on the printable page.
 */
describe('disclosure of the record of provision, up to its bound', () => {
  const suffix = uniqueSuffix();
  const company = `BOUND-${suffix}`;
  const admin = bearer('admin', 'GROUP-HD', 'privacy-officer');
  const kafka = createKafka(testKafka('record-bound-e2e'));
  const databases: TestDatabase[] = [];
  let contacts: ServiceProcess;
  let audit: ServiceProcess;

  /** A person in contacts whose record of provision holds `provisions` deliveries and withdrawals and `reads` granted reads. */
  const personWithRecord = async (label: string, provisions: number, reads: number): Promise<{ contactId: string; email: string }> => {
    const email = `${label}.${suffix.toLowerCase()}@bound.example.co.jp`;
    const registered = await call(`${contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', company, `staff-${suffix}`),
      body: { name: { full: `境界 ${label}`, kana: 'キョウカイ' }, organizationName: `Bound ${suffix} KK`, email, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' } },
    });
    expect(registered.status).toBe(201);
    const contactId = registered.body.id as string;
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const provisionEvents = Array.from({ length: provisions }, (_, i) =>
      sampleProvisionEvent({ companyCode: company, contactId, version: i + 1, kind: i % 2 === 0 ? 'DELIVERED' : 'WITHDRAWN' }),
    );
    const readEvents = Array.from({ length: reads }, () => sampleAccessEvent({ companyCode: company, contactIds: [contactId], purpose: 'MARKETING' }));
    for (let i = 0; i < provisions; i += 500) {
      await producer.send({ topic: Topics.provision, messages: provisionEvents.slice(i, i + 500).map((e) => ({ key: contactId, value: JSON.stringify(e) })) });
    }
    for (let i = 0; i < reads; i += 500) {
      await producer.send({ topic: Topics.access, messages: readEvents.slice(i, i + 500).map((e) => ({ key: e.accessId, value: JSON.stringify(e) })) });
    }
    await producer.disconnect();
    await eventually(
      async () => expect((await call(`${audit.url}/audit/contacts/${contactId}/record-of-provision?limit=1`, { token: admin })).body.total.entries).toBe(provisions + reads),
      { timeoutMs: 90_000 },
    );
    return { contactId, email };
  };

  /** Opens, confirms and answers a request for the record of provision; returns the bundle's part for the person and the printable page. */
  const disclose = async (person: { contactId: string; email: string }) => {
    const opened = await call(`${contacts.url}/subject-requests`, { method: 'POST', token: admin, body: { type: 'DISCLOSURE_OF_PROVISION_RECORD', person: { email: person.email }, deliveryMethod: 'ELECTRONIC' } });
    expect(opened.body.matches.map((m: { contactId: string }) => m.contactId)).toEqual([person.contactId]);
    await call(`${contacts.url}/subject-requests/${opened.body.id}/confirmation`, { method: 'POST', token: admin, body: { contactIds: [person.contactId], identityCheck: { document: 'PASSPORT', representativeActed: false } } });
    const bundle = await call(`${contacts.url}/subject-requests/${opened.body.id}/disclosure`, { token: admin });
    expect(bundle.status).toBe(200);
    const page = await call(`${contacts.url}/subject-requests/${opened.body.id}/disclosure?format=html`, { token: admin });
    expect(page.status).toBe(200);
    return { record: bundle.body.persons[0].recordOfProvision, page: page.text };
  };

  const allSeqs = async (contactId: string) => {
    const seqs = { provisions: [] as string[], accesses: [] as string[] };
    let cursor: string | null = null;
    do {
      const page: { body: { provisions: { seq: string }[]; accesses: { seq: string }[]; nextCursor: string | null } } = await call(
        `${audit.url}/audit/contacts/${contactId}/record-of-provision?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      seqs.provisions.push(...page.body.provisions.map((p) => p.seq));
      seqs.accesses.push(...page.body.accesses.map((a) => a.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    return seqs;
  };

  beforeAll(async () => {
    const common = { ...testAuthSettings(), LOG_LEVEL: 'warn' };
    const start = async (name: 'contacts' | 'audit', port: number, env: Record<string, string>) => {
      const database = await createTestDatabase(`bound_${name}`);
      databases.push(database);
      return startServiceProcess(name, port, { ...common, ...kafkaSettingsAs(testBroker(), name), ...env, DATABASE_URL: database.url });
    };
    const auditPort = await freePort();
    [contacts, audit] = await Promise.all([
      start('contacts', await freePort(), {
        SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET,
        KAFKA_CONSUMER_GROUP: `contacts-bound-${suffix}`,
        AUDIT_URL: `http://127.0.0.1:${auditPort}`,
        DISCLOSURE_RECORD_LIMIT: String(BOUND),
      }),
      start('audit', auditPort, {
        KAFKA_CONSUMER_GROUP: `audit-bound-${suffix}`,
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      }),
    ]);
    await publishRegisterChanges(kafka, [companyRegisterChanged(company)]);
    await untilContactsKnows(contacts.url, company);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([contacts, audit].filter(Boolean).map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('holds a record one entry short of the bound whole, over more than one page', async () => {
    const person = await personWithRecord('below', PROVISIONS, BOUND - PROVISIONS - 1);
    const { record, page } = await disclose(person);
    expect(record).toMatchObject({ complete: true, entries: BOUND - 1, totalEntries: BOUND - 1, limit: BOUND, rest: null });
    expect(record.provisions.map((p: { seq: string }) => p.seq)).toEqual((await allSeqs(person.contactId)).provisions);
    expect(page).toContain(`The complete record: ${BOUND - 1} entries.`);
    expect(page).not.toContain('is cut');
  }, 180_000);

  it('holds a record exactly at the bound whole, and does not call it cut', async () => {
    const person = await personWithRecord('at', PROVISIONS, BOUND - PROVISIONS);
    const { record, page } = await disclose(person);
    expect(record).toMatchObject({ complete: true, entries: BOUND, totalEntries: BOUND, rest: null });
    expect({ provisions: record.provisions.map((p: { seq: string }) => p.seq), accesses: record.accesses.map((a: { seq: string }) => a.seq) }).toEqual(await allSeqs(person.contactId));
    expect(page).toContain(`The complete record: ${BOUND} entries.`);
    expect(page).not.toContain('is cut');
  }, 180_000);

  it('cuts a longer record at the bound and says so, with how many of how many and the route to the rest', async () => {
    const person = await personWithRecord('above', PROVISIONS, BOUND - PROVISIONS + 100);
    const { record, page } = await disclose(person);
    expect(record).toMatchObject({ complete: false, entries: BOUND, totalEntries: BOUND + 100, limit: BOUND });
    expect(record.provisions).toHaveLength(PROVISIONS);
    expect(record.accesses).toHaveLength(BOUND - PROVISIONS);
    expect(record.rest.route).toMatch(new RegExp(`^/audit/contacts/${person.contactId}/record-of-provision\\?cursor=[\\w-]+$`));
    expect(page).toContain(`This record of provision is cut: it holds the first ${BOUND} of ${BOUND + 100} entries`);
    expect(page).toContain(`全${BOUND + 100}件のうち、最初の${BOUND}件`);
    expect(page).toContain(`GET ${record.rest.route}`);

    // The route the bundle names gives exactly the rest: together, the whole record, nothing twice.
    const rest = await call(`${audit.url}${record.rest.route}&limit=1000`, { token: admin });
    expect(rest.body.provisions).toEqual([]);
    expect(rest.body.accesses).toHaveLength(100);
    expect(rest.body.nextCursor).toBeNull();
    const whole = await allSeqs(person.contactId);
    expect(record.provisions.map((p: { seq: string }) => p.seq)).toEqual(whole.provisions);
    expect([...record.accesses, ...rest.body.accesses].map((a: { seq: string }) => a.seq)).toEqual(whole.accesses);
  }, 180_000);
});
