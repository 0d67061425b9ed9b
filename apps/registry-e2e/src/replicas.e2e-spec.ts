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
  type ProcessEnd,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import type { Kafka } from 'kafkajs';
import { generateKeyPairSync } from 'node:crypto';
import { Client } from 'pg';
import { untilContactsKnows } from './company-register';
import { call, type Answer } from './http-call';

type ServiceName = 'contacts' | 'sharing' | 'audit';
const SERVICES: readonly ServiceName[] = ['contacts', 'sharing', 'audit'];

/** Persons registered again and again, so that their contacts' versions keep advancing on every path at once. */
const PERSONS = 8;
/**
 * The load runs at least this long, and until this many writes are acknowledged, before one instance of each service
 * is killed; and as long again on the survivors, through their takeover of the dead one's partitions and outbox.
 */
const LOAD_PHASE_MS = 10_000;
const WRITES_PER_PHASE = 20;

interface Instance {
  process: ServiceProcess;
  alive: boolean;
}

/** A write contacts acknowledged: the contact and the version its answer named. */
interface Acknowledged {
  contactId: string;
  version: number;
}

/**
 * Two instances of every service on the same databases and broker, under load; one of each is killed (SIGKILL,
 * no shutdown) mid-load and the load goes on on the survivors. Once all is quiet, nothing acknowledged is lost,
 * nothing is held twice, and no compacted topic ends on an older version than the contact's.
 */
describe('two instances of each service, one of each killed under load', () => {
  const suffix = uniqueSuffix();
  const company = `REP-${suffix}`;
  const sales = bearer('sales', company, `staff-${suffix}`);
  const reader = bearer('company', company);
  const admin = bearer('admin', 'GROUP-HD');
  const groups: Record<ServiceName, string> = { contacts: `contacts-rep-${suffix}`, sharing: `sharing-rep-${suffix}`, audit: `audit-rep-${suffix}` };
  const kafka = createKafka(testKafka('replicas-e2e'));
  const databases = {} as Record<ServiceName, TestDatabase>;
  const instances = {} as Record<ServiceName, Instance[]>;
  const clients = {} as Record<ServiceName, Client>;

  const living = (name: ServiceName): Instance[] => instances[name].filter((instance) => instance.alive);
  const anyLiving = (name: ServiceName): string => {
    const candidates = living(name);
    return candidates[Math.floor(Math.random() * candidates.length)].process.url;
  };

  beforeAll(async () => {
    for (const name of SERVICES) databases[name] = await createTestDatabase(`rep_${name}`);
    const auditKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const settings: Record<ServiceName, Record<string, string>> = {
      contacts: { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET },
      sharing: {},
      audit: { AUDIT_SIGNING_KEY: auditKey },
    };
    // All six start at once: the two of a service race for their database's migrations as replicas would.
    const started = await Promise.all(
      SERVICES.flatMap((name) =>
        [0, 1].map(async () =>
          startServiceProcess(
            name,
            await freePort(),
            {
              ...testAuthSettings(),
              // The relay says when it takes the lease, which tells the test which instance publishes.
              LOG_LEVEL: 'log',
              ...kafkaSettingsAs(testBroker(), name),
              ...settings[name],
              DATABASE_URL: databases[name].url,
              KAFKA_CONSUMER_GROUP: groups[name],
            },
            // Six processes booting at once on a busy machine take their time.
            360_000,
          ),
        ),
      ),
    );
    for (const name of SERVICES) instances[name] = started.filter((service) => service.name === name).map((process) => ({ process, alive: true }));
    for (const name of SERVICES) {
      clients[name] = new Client({ connectionString: databases[name].url });
      await clients[name].connect();
    }

    const put = await call(`${instances.sharing[0].process.url}/companies/${company}`, {
      method: 'PUT',
      token: admin,
      body: { legalName: `${company} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
    });
    expect(put.status).toBe(200);
    await untilContactsKnows(instances.contacts[0].process.url, company);
    // Each instance has joined its group and holds its share of the partitions.
    for (const name of SERVICES) {
      for (const instance of instances[name]) {
        await eventually(async () => expect((await call(`${instance.process.url}/health/ready`)).status).toBe(200), { timeoutMs: 120_000, intervalMs: 500 });
      }
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((client) => client.end().catch(() => undefined)));
    await Promise.all(SERVICES.flatMap((name) => (instances[name] ?? []).map((instance) => instance.process.stop())));
    await Promise.all(Object.values(databases).map((database) => database.drop()));
  }, 120_000);

  it('loses nothing acknowledged, holds nothing twice, and leaves every compacted topic on the latest version', async () => {
    const acknowledged: Acknowledged[] = [];
    const accessIds = new Set<string>();
    const contactOf = new Map<number, string>();
    let loading = true;
    let corrections = 0;

    /** A call to whichever instance is alive; a connection cut by the kill is no answer, and so acknowledges nothing. */
    const attempt = async (url: string, init: Parameters<typeof call>[1]): Promise<Answer | null> => {
      try {
        return await call(url, init);
      } catch {
        return null;
      }
    };
    const register = async () => {
      while (loading) {
        const person = Math.floor(Math.random() * PERSONS);
        const answer = await attempt(`${anyLiving('contacts')}/contacts`, {
          method: 'POST',
          token: sales,
          body: {
            name: { full: `Replica Person ${person}`, kana: 'レプリカ' },
            organizationName: `Replica ${suffix} KK`,
            email: `person${person}.${suffix.toLowerCase()}@replicas.example.co.jp`,
            title: `Registered ${acknowledged.length}`,
            acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
          },
        });
        if (answer && (answer.status === 200 || answer.status === 201)) {
          acknowledged.push({ contactId: answer.body.id, version: answer.body.version });
          contactOf.set(person, answer.body.id);
        }
      }
    };
    const correct = async () => {
      while (loading) {
        const known = [...contactOf.values()];
        if (known.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const contactId = known[Math.floor(Math.random() * known.length)];
        const read = await attempt(`${anyLiving('contacts')}/contacts/${contactId}`, { token: sales });
        if (read?.status !== 200) continue;
        // Sent to either instance: the version read may be overtaken by a registration meanwhile (409), as it would be for staff.
        const answer = await attempt(`${anyLiving('contacts')}/contacts/${contactId}`, {
          method: 'PATCH',
          token: sales,
          body: { version: read.body.version, title: `Corrected ${(corrections += 1)}` },
        });
        if (answer?.status === 200) acknowledged.push({ contactId, version: answer.body.version });
      }
    };
    const readShared = async () => {
      while (loading) {
        const known = [...contactOf.values()];
        if (known.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const contactId = known[Math.floor(Math.random() * known.length)];
        const answer = await attempt(`${anyLiving('sharing')}/shared-contacts/${contactId}?purpose=PRODUCT_INFO`, { token: reader });
        // Granted or refused (not there yet), every answered read names its access, which audit must hold exactly once.
        const accessId = answer?.body?.accessId ?? answer?.body?.details?.accessId;
        if (accessId) accessIds.add(accessId);
      }
    };

    /** Lets the load run for a phase: its minimum time, and until enough writes since `from` are acknowledged (a busy machine is slow). */
    const phase = async (from: number) => {
      const started = Date.now();
      await eventually(
        () => {
          expect(Date.now() - started).toBeGreaterThanOrEqual(LOAD_PHASE_MS);
          expect(acknowledged.length - from).toBeGreaterThanOrEqual(WRITES_PER_PHASE);
        },
        { timeoutMs: 180_000, intervalMs: 250 },
      );
    };
    const load = Promise.all([register(), register(), register(), correct(), correct(), correct(), readShared(), readShared()]);
    try {
      await phase(0);

      // Kill the instance that publishes each service's outbox (the relay's lease holder), so that another must take over.
      const victims = SERVICES.map((name) => {
        const publishing = instances[name].filter((instance) => instance.process.logs.some((line) => line.includes('outbox relay took the lease')));
        const victim = publishing.length === 1 ? publishing[0] : instances[name][0];
        victim.alive = false;
        return victim;
      });
      const ends: ProcessEnd[] = await Promise.all(victims.map((victim) => victim.process.kill()));
      expect(ends).toEqual(victims.map(() => ({ code: null, signal: 'SIGKILL' })));
      await phase(acknowledged.length);
    } finally {
      loading = false;
      await load;
    }
    expect(accessIds.size).toBeGreaterThan(0);

    await untilQuiet(kafka, clients, groups);

    // Contacts: every acknowledged write is there, at its version or a later one, and each person once.
    const contactRows: { id: string; version: number; title: string | null; email: string }[] = (
      await clients.contacts.query(`SELECT id, version, title, email FROM contacts`)
    ).rows;
    const contacts = new Map(contactRows.map((row) => [row.id, row]));
    for (const ack of acknowledged) {
      expect(contacts.get(ack.contactId)?.version).toBeGreaterThanOrEqual(ack.version);
    }
    expect(new Set(contactRows.map((row) => row.email.toLowerCase())).size).toBe(contactRows.length);
    expect(contactRows.length).toBe(new Set(acknowledged.map((ack) => ack.contactId)).size);

    // Sharing (whose group read the contact topic from the beginning, other runs' contacts too): each of this run's
    // contacts once, at its latest version and items, and delivered to the company at that version.
    const mine = [...contacts.keys()];
    const shared: { contact_id: string; version: number; title: string | null }[] = (
      await clients.sharing.query(`SELECT contact_id, version, title FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [mine])
    ).rows;
    expect(shared.map((row) => row.contact_id).sort()).toEqual([...mine].sort());
    for (const row of shared) expect(row).toEqual({ contact_id: row.contact_id, version: contacts.get(row.contact_id)?.version, title: contacts.get(row.contact_id)?.title });
    const deliveries: { contact_id: string; version: number; state: string }[] = (
      await clients.sharing.query(`SELECT contact_id, version, state FROM deliveries WHERE company_code = $1 AND contact_id = ANY($2::uuid[])`, [company, mine])
    ).rows;
    expect(new Map(deliveries.map((row) => [row.contact_id, `${row.state} v${row.version}`]))).toEqual(
      new Map(contactRows.map((row) => [row.id, `DELIVERED v${row.version}`])),
    );

    // The company's compacted topic, read from the beginning: the last value of each of this run's keys is the contact's latest state.
    const messages = await readWholeTopic(kafka, companyTopic(company), 60_000);
    const last = new Map<string, { version: number; title: string | null } | null>();
    for (const message of messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      if (!message.key || !contacts.has(message.key)) continue;
      const value = message.value === null ? null : JSON.parse(message.value);
      last.set(message.key, value && { version: value.version, title: value.items.title ?? null });
    }
    expect(last).toEqual(new Map(contactRows.map((row) => [row.id, { version: row.version, title: row.title }])));

    // Audit holds every provision and every access this sharing recorded (the company's records), each once, and no delivery twice.
    const sharingEvents = async (topic: string): Promise<string[]> =>
      (await clients.sharing.query(`SELECT event_id FROM outbox WHERE topic = $1 ORDER BY event_id`, [topic])).rows.map((row: { event_id: string }) => row.event_id);
    const provisions: { event_id: string; contact_id: string; version: number; kind: string }[] = (
      await clients.audit.query(`SELECT event_id, contact_id, version, kind FROM provision_records WHERE company_code = $1 ORDER BY event_id`, [company])
    ).rows;
    expect(provisions.map((row) => row.event_id)).toEqual(await sharingEvents(Topics.provision));
    const deliveredTwice = Object.entries(countBy(provisions.map((row) => `${row.contact_id} v${row.version} ${row.kind}`))).filter(([, n]) => n > 1);
    expect(deliveredTwice).toEqual([]);
    for (const row of contactRows) expect(provisions).toContainEqual(expect.objectContaining({ contact_id: row.id, version: row.version, kind: 'DELIVERED' }));
    const accesses: { event_id: string; access_id: string }[] = (
      await clients.audit.query(`SELECT event_id, access_id FROM access_records WHERE company_code = $1 ORDER BY event_id`, [company])
    ).rows;
    expect(accesses.map((row) => row.event_id)).toEqual(await sharingEvents(Topics.access));
    const recordsPerAccess = countBy(accesses.map((row) => row.access_id));
    expect(Object.entries(recordsPerAccess).filter(([, n]) => n > 1)).toEqual([]);
    for (const accessId of accessIds) expect(recordsPerAccess[accessId]).toBe(1);

    const report = await call(`${anyLiving('audit')}/audit/verify?full=true`, { token: admin });
    expect(report).toMatchObject({ status: 200, body: { status: 'INTACT', mode: 'FULL' } });
    for (const chain of ['accesses', 'provisions']) {
      const verified = report.body.chains.find((entry: { chain: string }) => entry.chain === chain);
      expect(verified.checkedRecords).toBe(Number(verified.headSeq));
    }
    // Every record audit holds is in its chain once: as many links as records, the event ids unique.
    for (const [chain, table] of [['accesses', 'access_records'], ['provisions', 'provision_records']]) {
      const [held] = (await clients.audit.query(`SELECT count(*)::int AS records, count(DISTINCT event_id)::int AS events FROM ${table}`)).rows;
      expect(held).toEqual({ records: Number(report.body.chains.find((entry: { chain: string }) => entry.chain === chain).headSeq), events: held.records });
    }
  }, 600_000);
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Waits until the flow has run dry: contacts' outbox is sent, sharing has consumed it all and sent its own,
 * audit has consumed that and sent its own. Checked in that order in one pass, so no stage can still feed an earlier one.
 */
async function untilQuiet(kafka: Kafka, clients: Record<ServiceName, Client>, groups: Record<ServiceName, string>): Promise<void> {
  const unpublished = async (name: ServiceName) => Number((await clients[name].query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n);
  const admin = kafka.admin();
  await admin.connect();
  const lag = async (groupId: string, topics: string[]) => {
    let behind = 0;
    for (const topic of topics) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const { partition, offset } of committed.partitions) {
        const end = ends.get(partition);
        if (end) behind += Number(end.high) - Number(offset === '-1' ? end.low : offset);
      }
    }
    return behind;
  };
  try {
    await eventually(
      async () => {
        expect(await unpublished('contacts')).toBe(0);
        expect(await lag(groups.sharing, [Topics.contact])).toBe(0);
        expect(await unpublished('sharing')).toBe(0);
        expect(await lag(groups.audit, [Topics.access, Topics.provision])).toBe(0);
        expect(await unpublished('audit')).toBe(0);
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
  } finally {
    await admin.disconnect();
  }
}
