import { Topics } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import {
  bearer,
  createTestDatabase,
  eventually,
  freePort,
  startServiceProcess,
  kafkaSettingsAs,
  testBroker,
  testKafka,
  testAuthSettings,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { untilContactsKnows } from './company-register';
import { call, type Answer } from './http-call';

interface Services {
  contacts: ServiceProcess;
  sharing: ServiceProcess;
  audit: ServiceProcess;
}

/**
 * A person's items reach no log line, at any level, even when the database drops a connection in the middle of
 * a request or of consuming an event: the three built services run as processes with every level of logging on,
 * their connections are terminated while a locked table holds their queries, and every line they wrote is read.
 */
describe('no personal item in any log line', () => {
  const suffix = uniqueSuffix();
  const company = `LOGS-${suffix}`;
  const admin = bearer('admin', 'GROUP-HD');
  const sales = bearer('sales', company, `staff-${suffix}`);
  const marker = {
    name: `記録 花子${suffix}`,
    kana: `キロク ハナコ${suffix}`,
    organization: `Log Marker ${suffix} KK`,
    email: `hanako.${suffix.toLowerCase()}@logs.example.co.jp`,
    phone: `03-6${suffix.replace(/\D/g, '').padEnd(3, '4').slice(0, 3)}-${String(Date.now() % 10_000).padStart(4, '0')}`,
    memo: `log-memo-${suffix}`,
  };
  const canonicalPhone = `+81${marker.phone.slice(1).replace(/-/g, '')}`;
  const registration = {
    name: { full: marker.name, kana: marker.kana },
    organizationName: marker.organization,
    email: marker.email,
    phone: marker.phone,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
    memo: marker.memo,
  };
  const databases = {} as Record<keyof Services, TestDatabase>;
  let services: Services;

  const register = () => call(`${services.contacts.url}/contacts`, { method: 'POST', token: sales, body: registration });

  /**
   * Holds an exclusive lock on `table` so that the service's queries on it wait, and terminates every connection
   * that waits on the lock until `work` has its answer and at least one was terminated: the request's own
   * connection, or the consumer's that the work set going, and whichever other (the outbox relay's) waits too.
   */
  async function terminateWhileWaitingOn<T>(database: TestDatabase, table: string, work: () => Promise<T>): Promise<T> {
    const locker = new Client({ connectionString: database.url });
    // Outside the locker's transaction, which would keep seeing the activity as it was when it first looked.
    const terminator = new Client({ connectionString: database.url });
    await Promise.all([locker.connect(), terminator.connect()]);
    let settled = false;
    let terminated = 0;
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const result = work().finally(() => (settled = true));
      const deadline = Date.now() + 30_000;
      while ((!settled || terminated === 0) && Date.now() < deadline) {
        // Blocked while its statement is parsed, a connection still shows its previous query: found by who blocks it.
        const { rowCount } = await terminator.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND $1 = ANY (pg_blocking_pids(pid))`,
          [(locker as unknown as { processID: number }).processID],
        );
        terminated += rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(terminated).toBeGreaterThan(0);
      return await result;
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([locker.end(), terminator.end()]);
    }
  }

  beforeAll(async () => {
    for (const name of ['contacts', 'sharing', 'audit'] as const) databases[name] = await createTestDatabase(`logs_${name}`);
    const [contactsPort, sharingPort, auditPort] = [await freePort(), await freePort(), await freePort()];
    const common = { ...testAuthSettings(), LOG_LEVEL: 'verbose' };
    const [contacts, sharing, audit] = await Promise.all([
      startServiceProcess('contacts', contactsPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'contacts'),
        DATABASE_URL: databases.contacts.url,
        KAFKA_CONSUMER_GROUP: `contacts-logs-${suffix}`,
        SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET,
        SHARING_URL: `http://127.0.0.1:${sharingPort}`,
        AUDIT_URL: `http://127.0.0.1:${auditPort}`,
      }),
      startServiceProcess('sharing', sharingPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'sharing'),
        DATABASE_URL: databases.sharing.url,
        KAFKA_CONSUMER_GROUP: `sharing-logs-${suffix}`,
      }),
      startServiceProcess('audit', auditPort, {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'audit'),
        DATABASE_URL: databases.audit.url,
        KAFKA_CONSUMER_GROUP: `audit-logs-${suffix}`,
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      }),
    ]);
    services = { contacts, sharing, audit };
    const put = await call(`${sharing.url}/companies/${company}`, {
      method: 'PUT',
      token: admin,
      body: { legalName: `${company} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
    });
    expect(put.status).toBe(200);
    await untilContactsKnows(contacts.url, company);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services ?? {}).map((service: ServiceProcess) => service.stop()));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
  });

  it('logs failed registrations, a failed projection and a dead letter as JSON lines that hold none of the person’s items', async () => {
    // Contacts: the connection dies while the registration waits on each table it writes the person's items to.
    for (const table of ['contacts', 'acquisitions', 'outbox']) {
      const answer: Answer = await terminateWhileWaitingOn(databases.contacts, table, register);
      expect(answer.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(answer.text).not.toContain(marker.email);
    }

    // Sharing: the connection dies while the projection of the registered person waits on its table.
    const registered = await terminateWhileWaitingOn(databases.sharing, 'shared_contacts', async () => {
      const answer = await register();
      expect(answer.status).toBe(201);
      return answer;
    });
    const contactId: string = registered.body.id;
    await eventually(async () => expect((await call(`${services.sharing.url}/shared-contacts/${contactId}/holdings`, { token: admin })).status).toBe(200), {
      timeoutMs: 60_000,
    });
    const read = await call(`${services.sharing.url}/shared-contacts/${contactId}?purpose=MARKETING`, { token: bearer('company', company) });
    expect(read.body).toMatchObject({ email: marker.email });

    // A malformed contact event carrying the items, one of them as the name of a property, is dead-lettered.
    const producer = createReliableProducer(createKafka(testKafka('logs-e2e')));
    await producer.connect();
    const malformed = { eventId: randomUUID(), contactId, [marker.email]: marker.memo, items: { name: { full: marker.name }, phone: canonicalPhone, memo: marker.memo } };
    await producer.send({ topic: Topics.contact, acks: -1, messages: [{ key: contactId, value: JSON.stringify(malformed) }] });
    await producer.disconnect();
    await eventually(async () => expect(services.sharing.logs.some((line) => line.includes('malformed message dead-lettered') && line.includes(contactId))).toBe(true), {
      timeoutMs: 30_000,
    });

    // Requests whose query string and body carry the items: refused, or answered.
    const refused = await call(`${services.contacts.url}/contacts?email=${encodeURIComponent(marker.email)}`, { method: 'POST', token: sales, body: { ...registration, acquisition: {} } });
    expect(refused.status).toBe(400);
    expect((await call(`${services.contacts.url}/contacts?email=${encodeURIComponent(marker.email)}`, { token: sales })).status).toBe(200);

    await Promise.all(Object.values(services).map((service: ServiceProcess) => service.stop()));

    const lines = Object.values(services).flatMap((service: ServiceProcess) => service.logs.map((line) => ({ service: service.name, line })));
    const notJson = lines.filter(({ line }) => !isJsonObject(line));
    expect(notJson).toEqual([]);
    const leaks = lines.flatMap(({ service, line }) =>
      Object.entries({ ...marker, canonicalPhone })
        .filter(([, value]) => line.includes(value))
        .map(([item]) => `${service} logged the ${item}: ${line}`),
    );
    expect(leaks).toEqual([]);

    // The failures were logged, only without the items: the test looked at the lines that could have held them.
    const entries = lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((entry) => entry['service'] === 'contacts' && entry['msg'] === 'query failed').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((entry) => entry['service'] === 'contacts' && entry['msg'] === 'database unavailable')).toHaveLength(3);
    expect(entries.some((entry) => entry['service'] === 'sharing' && entry['msg'] === 'query failed')).toBe(true);
    expect(entries.some((entry) => entry['service'] === 'contacts' && entry['context'] === 'HTTP' && entry['status'] === 400)).toBe(true);
  }, 240_000);
});

function isJsonObject(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
