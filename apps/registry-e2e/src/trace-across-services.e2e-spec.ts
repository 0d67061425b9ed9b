import { companyTopic, Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  createTestDatabase,
  eventually,
  freePort,
  kafkaSettingsAs,
  readWholeTopic,
  startServiceProcess,
  testAuthSettings,
  testBroker,
  testKafka,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { untilContactsKnows } from './company-register';
import { call } from './http-call';

interface Services {
  contacts: ServiceProcess;
  sharing: ServiceProcess;
  audit: ServiceProcess;
}

/**
 * One trace id follows a registration through every hop: the request at contacts, its contact event, sharing's
 * consumer and the delivery on the company's topic, the record of provision, and audit's consumer of that record.
 */
describe('one trace across the services', () => {
  const suffix = uniqueSuffix();
  const company = `TRC-${suffix}`;
  const databases = {} as Record<keyof Services, TestDatabase>;
  const kafka = createKafka(testKafka('trace-e2e'));
  let services: Services;

  beforeAll(async () => {
    for (const name of ['contacts', 'sharing', 'audit'] as const) databases[name] = await createTestDatabase(`trace_${name}`);
    const [contactsPort, sharingPort, auditPort] = [await freePort(), await freePort(), await freePort()];
    const common = { ...testAuthSettings(), LOG_LEVEL: 'debug' };
    const [contacts, sharing, audit] = await Promise.all([
      startServiceProcess('contacts', contactsPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'contacts'),
        DATABASE_URL: databases.contacts.url,
        KAFKA_CONSUMER_GROUP: `contacts-trace-${suffix}`,
        SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET,
        SHARING_URL: `http://127.0.0.1:${sharingPort}`,
        AUDIT_URL: `http://127.0.0.1:${auditPort}`,
      }),
      startServiceProcess('sharing', sharingPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'sharing'),
        DATABASE_URL: databases.sharing.url,
        KAFKA_CONSUMER_GROUP: `sharing-trace-${suffix}`,
      }),
      startServiceProcess('audit', auditPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'audit'),
        DATABASE_URL: databases.audit.url,
        KAFKA_CONSUMER_GROUP: `audit-trace-${suffix}`,
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      }),
    ]);
    services = { contacts, sharing, audit };
    const put = await call(`${sharing.url}/companies/${company}`, {
      method: 'PUT',
      token: bearer('admin', 'GROUP-HD'),
      body: { legalName: `${company} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
    });
    expect(put.status).toBe(200);
    await untilContactsKnows(contacts.url, company);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services ?? {}).map((service: ServiceProcess) => service.stop()));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
  });

  const entriesOf = (service: ServiceProcess) => service.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
  const traceOf = (headers: Record<string, unknown> | undefined) => String(headers?.['traceparent'] ?? '').split('-')[1];

  it('carries the registration’s trace id to the company topic and to audit, and every hop logs it', async () => {
    const traceId = randomBytes(16).toString('hex');
    const registered = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', company, `staff-${suffix}`),
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: { name: { full: 'Trace Person' }, organizationName: 'Trace KK', acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-21' } },
    });
    expect(registered.status).toBe(201);
    const contactId: string = registered.body.id;

    // Contacts: the request's line, and its contact event.
    await eventually(async () => expect(entriesOf(services.contacts).some((e) => e['context'] === 'HTTP' && e['status'] === 201 && e['traceId'] === traceId)).toBe(true));
    // The relay publishes after the answer: wait for the event before reading its headers.
    const contactEvent = await eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.contact)).find((message) => message.key === contactId);
      expect(found).toBeDefined();
      return found;
    });
    expect(traceOf(contactEvent?.headers)).toBe(traceId);

    // Sharing: its consumer handled the event in the trace, and its deliveries and records of provision continue it.
    await eventually(async () => expect(entriesOf(services.sharing).some((e) => e['msg'] === 'event handled' && e['topic'] === Topics.contact && e['traceId'] === traceId)).toBe(true), {
      timeoutMs: 60_000,
    });
    const delivery = await eventually(async () => {
      const found = (await readWholeTopic(kafka, companyTopic(company))).find((message) => message.key === contactId || message.value?.includes(contactId));
      expect(found).toBeDefined();
      return found;
    }, { timeoutMs: 60_000 });
    expect(traceOf(delivery?.headers)).toBe(traceId);
    const provision = await eventually(async () => {
      const found = (await readWholeTopic(kafka, Topics.provision)).find((message) => message.value?.includes(contactId));
      expect(found).toBeDefined();
      return found;
    }, { timeoutMs: 60_000 });
    expect(traceOf(provision?.headers)).toBe(traceId);

    // Audit: its consumer recorded the provision in the same trace.
    await eventually(
      async () => expect(entriesOf(services.audit).some((e) => e['msg'] === 'events handled' && e['topic'] === Topics.provision && e['traceId'] === traceId)).toBe(true),
      { timeoutMs: 60_000 },
    );
    const provisions = await call(`${services.audit.url}/audit/provisions?contactId=${contactId}`, { token: bearer('admin', 'GROUP-HD') });
    expect(provisions.body.records.map((record: { companyCode: string }) => record.companyCode)).toContain(company);
  }, 240_000);
});
