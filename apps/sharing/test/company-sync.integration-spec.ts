import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { companyTopic, Topics, type ContactStateEvent } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { japanDate } from '@registry/policy';
import {
  bearer,
  createTestDatabase,
  eventually,
  readWholeTopic,
  startInProcess,
  testKafka,
  testSettings,
  uniqueSuffix,
  type ReadMessage,
  type TestDatabase,
} from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const kafka = createKafka(testKafka('sharing-company-sync-test'));
const admin = bearer('admin', 'GROUP-HD');
const DAY = 86_400_000;
const SYNC_SETTINGS = { COMPANY_SYNC_BATCH_SIZE: '2', COMPANY_SYNC_POLL_MS: '100', ELIGIBILITY_CHECK_INTERVAL_SECONDS: '1' };

interface SyncJob {
  id: string;
  kind: 'BACKFILL' | 'WITHDRAWAL';
  status: 'PENDING' | 'RUNNING' | 'DONE' | 'SUPERSEDED';
  cause: string;
  ineligibleReason: string | null;
  processed: number;
  total: number;
  sent: number;
  startedAt: string | null;
  finishedAt: string | null;
  supersededBy: string | null;
}

function contactEvent(contactId: string, version: number, label: string): ContactStateEvent {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    eventType: version === 1 ? 'ContactRegistered' : 'ContactCorrected',
    contactId,
    version,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01', companyCode: 'STAFFING-JP' },
    items: { name: { full: `${label} v${version}` }, organizationName: `Sync Org ${suffix}`, transactionHistory: [] },
  };
}

async function publish(messages: { key: string; value: string | null }[]): Promise<void> {
  const producer = createReliableProducer(kafka);
  await producer.connect();
  await producer.send({ topic: Topics.contact, acks: -1, messages });
  await producer.disconnect();
}

/** What one company's topic holds for each contact, in order: a version delivered, or null for a withdrawal. */
async function topicHistory(code: string): Promise<Map<string, (number | null)[]>> {
  let messages: ReadMessage[] = [];
  try {
    messages = await readWholeTopic(kafka, companyTopic(code));
  } catch (error) {
    if (!/does not host this topic-partition|not exist/i.test((error as Error).message)) throw error;
  }
  const history = new Map<string, (number | null)[]>();
  for (const message of messages) {
    const entry = history.get(message.key ?? '') ?? [];
    entry.push(message.value === null ? null : (JSON.parse(message.value) as { version: number }).version);
    history.set(message.key ?? '', entry);
  }
  return history;
}

/** The provision records on the provision topic for one company, by contact: the kinds in order, each record once. */
async function provisionsFor(code: string): Promise<Map<string, string[]>> {
  const seen = new Set<string>();
  const byContact = new Map<string, string[]>();
  for (const message of await readWholeTopic(kafka, Topics.provision)) {
    const record = JSON.parse(message.value ?? '{}') as { eventId: string; companyCode: string; contactId: string; kind: string };
    if (record.companyCode !== code || seen.has(record.eventId)) continue;
    seen.add(record.eventId);
    byContact.set(record.contactId, [...(byContact.get(record.contactId) ?? []), record.kind]);
  }
  return byContact;
}

/** The database sessions waiting for a lock that this client holds. */
async function blockedBy(blocker: Client): Promise<{ pid: number }[]> {
  return (await blocker.query(`SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`)).rows as { pid: number }[];
}

function company(overrides: Record<string, unknown> = {}) {
  return { legalName: 'Sync Test KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true, ...overrides };
}

describe('a company’s topic follows the group register', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const putCompany = (target: NestFastifyApplication, code: string, body: Record<string, unknown>) =>
    target.inject({ method: 'PUT', url: `/companies/${code}`, headers: { authorization: admin }, payload: company(body) });
  const syncStatus = async (code: string, target = app) => {
    const response = await target.inject({ method: 'GET', url: `/companies/${code}/sync`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    return response.json() as { companyCode: string; eligible: boolean | null; jobs: SyncJob[] };
  };
  const jobsSettled = (code: string, target = app) =>
    eventually(
      async () => {
        const status = await syncStatus(code, target);
        expect(status.jobs.every((job) => job.status === 'DONE' || job.status === 'SUPERSEDED')).toBe(true);
        return status;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  /** Registers contacts through the contact topic and waits until sharing holds them. */
  const seedContacts = async (count: number, label: string, target = dataSource): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID()).sort();
    await publish(ids.map((id) => ({ key: id, value: JSON.stringify(contactEvent(id, 1, label)) })));
    await eventually(
      async () => {
        const [{ n }] = await target.query(`SELECT count(*)::int AS n FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [ids]);
        expect(n).toBe(count);
      },
      { timeoutMs: 30_000 },
    );
    return ids;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sharing_company_sync');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-sync-${suffix}`, ...SYNC_SETTINGS }));
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('gives a company that joins every jointly usable contact, each with a DELIVERED provision, and shows the backfill to the administrator', async () => {
    const ids = await seedContacts(5, 'Joiner');
    const [suspended, ...usable] = ids as [string, ...string[]];
    const suspend = await app.inject({ method: 'PUT', url: `/shared-contacts/${suspended}/suspension`, headers: { authorization: admin }, payload: { suspended: true } });
    expect(suspend.statusCode).toBe(200);

    const code = `JOIN-${suffix}`;
    expect((await putCompany(app, code, {})).statusCode).toBe(200);

    await eventually(
      async () => {
        const history = await topicHistory(code);
        for (const id of usable) expect(history.get(id)).toEqual([1]);
        expect(history.get(suspended)).toBeUndefined();
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => {
      const provisions = await provisionsFor(code);
      for (const id of usable) expect(provisions.get(id)).toEqual(['DELIVERED']);
      expect(provisions.get(suspended)).toBeUndefined();
    });

    const status = await jobsSettled(code);
    expect(status).toMatchObject({ companyCode: code, eligible: true });
    expect(status.jobs).toHaveLength(1);
    const [backfill] = status.jobs as [SyncJob];
    expect(backfill).toMatchObject({ kind: 'BACKFILL', status: 'DONE', cause: 'REGISTER_CHANGE', ineligibleReason: null });
    expect(backfill.processed).toBe(backfill.total);
    expect(backfill.total).toBeGreaterThanOrEqual(usable.length);
    expect(backfill.sent).toBeGreaterThanOrEqual(usable.length);
    expect(Date.parse(backfill.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(backfill.startedAt ?? ''));
  });

  it('lets only the administrator see a company’s backfills and withdrawals', async () => {
    const code = `SEEN-${suffix}`;
    expect((await putCompany(app, code, {})).statusCode).toBe(200);
    const as = (authorization?: string) => app.inject({ method: 'GET', url: `/companies/${code}/sync`, headers: authorization ? { authorization } : {} });
    expect((await as()).statusCode).toBe(401);
    expect((await as(bearer('company', code))).statusCode).toBe(403);
    expect((await as(bearer('sales', code))).statusCode).toBe(403);
    expect((await as(admin)).statusCode).toBe(200);
    const unknown = await app.inject({ method: 'GET', url: `/companies/NOPE-${suffix}/sync`, headers: { authorization: admin } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'COMPANY_NOT_FOUND' });
  });

  it('gives nothing to a company abroad that joins', async () => {
    const ids = await seedContacts(2, 'Abroad');
    const code = `ABROAD-${suffix}`;
    expect((await putCompany(app, code, { country: 'US' })).statusCode).toBe(200);
    // A domestic company that joins at the same moment is served, so the worker has run meanwhile.
    const witness = `WITNESS-${suffix}`;
    expect((await putCompany(app, witness, {})).statusCode).toBe(200);
    await jobsSettled(witness);
    await eventually(async () => expect((await topicHistory(witness)).get(ids[0] ?? '')).toEqual([1]), { timeoutMs: 30_000 });

    expect(await syncStatus(code)).toEqual({ companyCode: code, eligible: false, jobs: [] });
    expect((await topicHistory(code)).size).toBe(0);
    expect((await provisionsFor(code)).size).toBe(0);
  });

  it('withdraws everything from a company deactivated during its backfill', async () => {
    const ids = await seedContacts(6, 'Deactivated');
    const code = `HALT-${suffix}`;
    // Holds the backfill at the third of these contacts, so that the deactivation arrives while it is under way:
    // the first is delivered by then, and at least two remain.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM shared_contacts WHERE contact_id = $1 FOR UPDATE`, [ids[2]]);
      expect((await putCompany(app, code, {})).statusCode).toBe(200);
      await eventually(async () => expect(await blockedBy(blocker)).toHaveLength(1), { timeoutMs: 30_000 });
      const deactivation = putCompany(app, code, { active: false });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('COMMIT');
      expect((await deactivation).statusCode).toBe(200);
    } finally {
      await blocker.end();
    }

    const status = await jobsSettled(code);
    expect(status.eligible).toBe(false);
    const [withdrawal, backfill] = status.jobs as [SyncJob, SyncJob];
    expect(withdrawal).toMatchObject({ kind: 'WITHDRAWAL', status: 'DONE', ineligibleReason: 'INACTIVE' });
    expect(backfill).toMatchObject({ kind: 'BACKFILL', status: 'SUPERSEDED', supersededBy: withdrawal.id });
    expect(backfill.processed).toBeLessThan(backfill.total);
    expect(withdrawal.sent).toBeGreaterThanOrEqual(backfill.sent);

    const [{ held }] = await dataSource.query(`SELECT count(*)::int AS held FROM deliveries WHERE company_code = $1 AND state = 'DELIVERED'`, [code]);
    expect(held).toBe(0);
    await eventually(
      async () => {
        const history = await topicHistory(code);
        const provisions = await provisionsFor(code);
        expect(history.get(ids[0] ?? '')).toEqual([1, null]);
        expect(history.has(ids[5] ?? '')).toBe(false);
        for (const [id, versions] of history) {
          expect(versions.at(-1)).toBeNull();
          expect(provisions.get(id)).toEqual(versions.map((v) => (v === null ? 'WITHDRAWN' : 'DELIVERED')));
        }
      },
      { timeoutMs: 30_000 },
    );
  });

  it('withdraws everything from a company once its recorded leaving date passes, by the scheduled check', async () => {
    const ids = await seedContacts(3, 'Leaver');
    const code = `LEAVE-${suffix}`;
    const tomorrow = japanDate(new Date(Date.now() + DAY));
    expect((await putCompany(app, code, { leftOn: tomorrow })).statusCode).toBe(200);
    await eventually(async () => expect([...(await topicHistory(code)).entries()].filter(([id]) => ids.includes(id))).toHaveLength(3), { timeoutMs: 30_000 });
    const [{ version }] = await dataSource.query(`SELECT version FROM group_companies WHERE code = $1`, [code]);

    // The day comes: the recorded date is moved to today rather than waiting a day; the register entry is not changed.
    await dataSource.query(`UPDATE group_companies SET left_on = $2 WHERE code = $1`, [code, japanDate(new Date())]);

    await eventually(
      async () => {
        const history = await topicHistory(code);
        for (const id of ids) expect(history.get(id)).toEqual([1, null]);
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => {
      const provisions = await provisionsFor(code);
      for (const id of ids) expect(provisions.get(id)).toEqual(['DELIVERED', 'WITHDRAWN']);
    });
    const status = await jobsSettled(code);
    expect(status.eligible).toBe(false);
    expect(status.jobs[0]).toMatchObject({ kind: 'WITHDRAWAL', status: 'DONE', cause: 'SCHEDULED_CHECK', ineligibleReason: 'LEFT_GROUP', registerVersion: version });
    const [{ versions }] = await dataSource.query(`SELECT count(*)::int AS versions FROM group_company_changes WHERE company_code = $1`, [code]);
    expect(versions).toBe(1);
  });

  it('backfills a company once its recorded joining date arrives, by the scheduled check', async () => {
    const ids = await seedContacts(3, 'Newcomer');
    const code = `SOON-${suffix}`;
    const tomorrow = japanDate(new Date(Date.now() + DAY));
    expect((await putCompany(app, code, { joinedOn: tomorrow })).statusCode).toBe(200);
    expect(await syncStatus(code)).toMatchObject({ eligible: false, jobs: [] });

    await dataSource.query(`UPDATE group_companies SET joined_on = $2 WHERE code = $1`, [code, japanDate(new Date())]);

    await eventually(
      async () => {
        const history = await topicHistory(code);
        for (const id of ids) expect(history.get(id)).toEqual([1]);
      },
      { timeoutMs: 30_000 },
    );
    const status = await jobsSettled(code);
    expect(status).toMatchObject({ eligible: true, jobs: [expect.objectContaining({ kind: 'BACKFILL', status: 'DONE', cause: 'SCHEDULED_CHECK' })] });
  });

  it('delivers no stale or duplicate version while contacts change, are suspended and erased during a backfill', async () => {
    const ids = await seedContacts(40, 'Racer');
    const suspendedIds = ids.filter((_, i) => i % 10 === 3);
    const erasedIds = ids.filter((_, i) => i % 10 === 7);
    const changedIds = ids.filter((id) => !suspendedIds.includes(id) && !erasedIds.includes(id));
    const code = `RACE-${suffix}`;

    expect((await putCompany(app, code, {})).statusCode).toBe(200);
    await Promise.all([
      publish([
        ...changedIds.map((id) => ({ key: id, value: JSON.stringify(contactEvent(id, 2, 'Racer')) })),
        ...erasedIds.map((id) => ({ key: id, value: null })),
      ]),
      ...suspendedIds.map((id) => app.inject({ method: 'PUT', url: `/shared-contacts/${id}/suspension`, headers: { authorization: admin }, payload: { suspended: true } })),
    ]);
    await eventually(
      async () => {
        const [{ current }] = await dataSource.query(`SELECT count(*)::int AS current FROM shared_contacts WHERE contact_id = ANY($1::uuid[]) AND version = 2`, [changedIds]);
        expect(current).toBe(changedIds.length);
        const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM shared_contacts WHERE contact_id = ANY($1::uuid[])`, [erasedIds]);
        expect(left).toBe(0);
      },
      { timeoutMs: 30_000 },
    );
    await jobsSettled(code);

    const deliveries = new Map(
      ((await dataSource.query(`SELECT contact_id, version, state FROM deliveries WHERE company_code = $1`, [code])) as { contact_id: string; version: number; state: string }[]).map(
        (row) => [row.contact_id, `${row.state}:${row.version}`],
      ),
    );
    for (const id of changedIds) expect(deliveries.get(id)).toBe('DELIVERED:2');
    for (const id of [...suspendedIds, ...erasedIds]) expect(deliveries.get(id) ?? 'none').not.toMatch(/^DELIVERED/);

    await eventually(
      async () => {
        const history = await topicHistory(code);
        const provisions = await provisionsFor(code);
        for (const id of changedIds) {
          const versions = history.get(id) ?? [];
          // Each version at most once, never an older after a newer, ending with the current one.
          expect(versions).toEqual([...new Set(versions)].sort());
          expect(versions.at(-1)).toBe(2);
          expect(provisions.get(id)).toEqual(versions.map(() => 'DELIVERED'));
        }
        for (const id of suspendedIds) {
          const versions = history.get(id) ?? [];
          if (versions.length === 0) continue;
          const delivered = versions.filter((v) => v !== null);
          expect(versions).toEqual([...[...new Set(delivered)].sort(), null]);
          expect(provisions.get(id)).toEqual(versions.map((v) => (v === null ? 'WITHDRAWN' : 'DELIVERED')));
        }
        // An erasure also drops deliveries not yet sent, so the topic may hold the withdrawal alone.
        for (const id of erasedIds) {
          if (history.has(id)) expect(history.get(id)?.at(-1)).toBeNull();
          if (provisions.has(id)) expect(provisions.get(id)?.at(-1)).toBe('WITHDRAWN');
        }
      },
      { timeoutMs: 30_000 },
    );
  });

  it('finishes a backfill cut short midway after a restart, on two replicas at once, with no duplicate delivery or provision', async () => {
    const ownDatabase = await createTestDatabase('sharing_sync_restart');
    const settings = () => testSettings(SharingSettings, ownDatabase.url, { KAFKA_CONSUMER_GROUP: `sharing-sync-restart-${suffix}`, ...SYNC_SETTINGS });
    const first = await startInProcess(createSharingApp, settings());
    const replicas: NestFastifyApplication[] = [];
    const blocker = new Client({ connectionString: ownDatabase.url });
    try {
      const ids = await seedContacts(9, 'Restart', first.get(DataSource));
      const code = `CUT-${suffix}`;
      await blocker.connect();
      await blocker.query('BEGIN');
      // Holds the backfill at the batch that holds the fifth of these contacts.
      await blocker.query(`SELECT 1 FROM shared_contacts WHERE contact_id = $1 FOR UPDATE`, [ids[4]]);
      expect((await putCompany(first, code, {})).statusCode).toBe(200);

      const waiting = () => blockedBy(blocker);
      const progress = await eventually(
        async () => {
          expect(await waiting()).toHaveLength(1);
          const job = (await syncStatus(code, first)).jobs[0];
          expect(job).toMatchObject({ kind: 'BACKFILL', status: 'RUNNING' });
          expect(job?.processed).toBeGreaterThan(0);
          return job as SyncJob;
        },
        { timeoutMs: 30_000 },
      );
      expect(progress.processed).toBeLessThan(progress.total);

      // The batch under way dies with its connection: nothing of it is kept.
      for (const { pid } of await waiting()) await blocker.query(`SELECT pg_terminate_backend($1)`, [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await syncStatus(code, first)).jobs[0]).toMatchObject({ status: 'RUNNING', processed: progress.processed, sent: progress.sent });

      // The service stops midway: the batch waiting at shutdown finishes, and no other starts.
      const stopping = first.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('COMMIT');
      await stopping;
      const [cut] = (await blocker.query(`SELECT status, processed, total FROM company_sync_jobs WHERE company_code = $1`, [code])).rows as { status: string; processed: number; total: number }[];
      expect(cut?.status).toBe('RUNNING');
      expect(cut?.processed).toBeLessThan(cut?.total ?? 0);

      for (let i = 0; i < 2; i += 1) replicas.push(await startInProcess(createSharingApp, settings()));
      const status = await jobsSettled(code, replicas[0]);
      expect(status.jobs).toHaveLength(1);
      expect(status.jobs[0]).toMatchObject({ kind: 'BACKFILL', status: 'DONE' });

      const [{ outboxed }] = (await blocker.query(`SELECT count(*)::int AS outboxed FROM outbox WHERE topic = $1 AND message_key = ANY($2::text[])`, [companyTopic(code), ids]))
        .rows as { outboxed: number }[];
      expect(outboxed).toBe(ids.length);
      await eventually(
        async () => {
          const history = await topicHistory(code);
          const provisions = await provisionsFor(code);
          for (const id of ids) {
            expect(history.get(id)).toEqual([1]);
            expect(provisions.get(id)).toEqual(['DELIVERED']);
          }
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await blocker.end().catch(() => undefined);
      for (const replica of replicas) await replica.close();
      await first.close().catch(() => undefined);
      await ownDatabase.drop();
    }
  }, 180_000);
});
