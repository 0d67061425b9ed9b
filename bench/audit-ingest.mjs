#!/usr/bin/env node
// Audit ingest and verification speed.
//   ingest:  access events from Kafka into the hash chain (batch consume, chain append under the head lock,
//            alert rules, commit after the write), beside a baseline consumer that writes the same events
//            to a plain table with one multi-row INSERT per batch: no chain, no alerts.
//   verify:  a full recomputation of the chain (GET /audit/verify?full=true), beside a baseline that reads
//            the same rows page by page and hashes nothing.
// Usage: npm run bench:audit [-- <events>]   (runs a broker of its own on BENCH_AUDIT_KAFKA_PORT, 19392 unless set;
//        BENCH_PROFILE=1 runs audit under --cpu-prof)
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchIdentityProvider } from './bench-identity.mjs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { repoRoot, startInfrastructure } from '../tools/infra/infrastructure.mjs';
import { adminSasl, kafkaSettingsAs } from '../tools/infra/kafka.mjs';
import { isMain, printTable, say, sized, sleep, throughputRow } from './bench-kit.mjs';
import { PROFILE_DIR } from './contacts-under-test.mjs';

const COMPANIES = 20;
const PORT = 3913;
const TOPIC = 'sharing.access.v1';

/** The settings of the benchmark's own broker: BENCH_AUDIT_KAFKA_PORT (19392 unless set), its controller on the next port. */
function ownBrokerSettings() {
  const port = Number(process.env.BENCH_AUDIT_KAFKA_PORT ?? 19392);
  if (!Number.isInteger(port) || port < 1024 || port > 65534) throw new Error(`BENCH_AUDIT_KAFKA_PORT must be a port number, not ${process.env.BENCH_AUDIT_KAFKA_PORT}`);
  return { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_DATA_DIR: join(repoRoot, '.data', 'kafka-bench'), KAFKA_BROKERS: undefined, KAFKA_CREDENTIALS_FILE: undefined };
}

/** Runs `work` with these environment settings (undefined: unset), and puts the old ones back afterwards. */
async function withEnvironment(settings, work) {
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  const apply = (values) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(settings);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

function accessEvent(i, EVENTS) {
  const at = new Date(Date.now() - (EVENTS - i) * 10).toISOString();
  const denied = i % 50 === 0;
  return {
    eventId: randomUUID(),
    occurredAt: at,
    schemaVersion: 2,
    eventType: 'AccessRecorded',
    accessId: randomUUID(),
    companyCode: `BENCH${String(i % COMPANIES).padStart(2, '0')}-JP`,
    requestedBy: 'crm-sync',
    operation: i % 10 === 0 ? 'SEARCH_CONTACTS' : 'READ_CONTACT',
    purpose: denied ? 'RECRUITING' : 'PRODUCT_INFO',
    contactIds: Array.from({ length: i % 10 === 0 ? 5 : 1 }, () => randomUUID()),
    outcome: denied ? 'DENIED' : 'GRANTED',
    reason: denied ? 'PURPOSE_NOT_ALLOWED' : null,
    accessedAt: at,
    noticeVersion: '2022-04-01',
  };
}

/** Polls a row count until it reaches `expected`; the rate is taken from the first row seen to the last. */
async function measureIngest(count, expected, label, log) {
  let first = null;
  let shown = 0;
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    const n = await count();
    const now = process.hrtime.bigint();
    if (n > 0 && first === null) first = { n, at: now };
    if (n - shown >= expected / 5) {
      log(`  ${label}: ${n} of ${expected}`);
      shown = n;
    }
    if (n >= expected) return { records: n - first.n, seconds: Number(now - first.at) / 1e9 };
    if (Date.now() > deadline) throw new Error(`${label} did not finish`);
    await sleep(20);
  }
}

async function createDatabase(infra, name) {
  await infra.createDatabase(name);
  return infra.databaseUrl(name);
}

async function dropDatabases(infra, names) {
  const admin = new pg.Client({ connectionString: infra.postgresServerUrl });
  await admin.connect();
  for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** The baseline: consume the topic and insert each batch with one plain multi-row INSERT, commit after it. */
async function runBaseline(kafka, databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`
    CREATE TABLE access_records (
      seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, access_id uuid NOT NULL, company_code text NOT NULL,
      requested_by text NOT NULL, operation text NOT NULL, purpose text, contact_ids uuid[] NOT NULL, outcome text NOT NULL,
      reason text, accessed_at timestamptz NOT NULL, notice_version text, recorded_at timestamptz NOT NULL DEFAULT now())`);
  // The same search indexes as audit's table, so that the difference is the chain and the alert rules alone.
  await client.query(`CREATE INDEX ON access_records (accessed_at DESC, seq DESC)`);
  await client.query(`CREATE INDEX ON access_records (company_code, accessed_at DESC, seq DESC)`);
  await client.query(`CREATE INDEX ON access_records (purpose, accessed_at DESC, seq DESC)`);
  await client.query(`CREATE INDEX ON access_records (reason, accessed_at DESC, seq DESC) WHERE outcome = 'DENIED'`);
  await client.query(`CREATE INDEX ON access_records USING gin (contact_ids)`);
  const consumer = kafka.consumer({ groupId: `bench-baseline-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const rows = batch.messages.map((m) => JSON.parse(m.value.toString()));
      await client.query(
        `INSERT INTO access_records (event_id, access_id, company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at, notice_version)
         SELECT event_id, access_id, company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at, notice_version
           FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, access_id uuid, company_code text, requested_by text, operation text,
                purpose text, contact_ids uuid[], outcome text, reason text, accessed_at timestamptz, notice_version text)
         ON CONFLICT (event_id) DO NOTHING`,
        [
          JSON.stringify(
            rows.map((e) => ({
              event_id: e.eventId,
              access_id: e.accessId,
              company_code: e.companyCode,
              requested_by: e.requestedBy,
              operation: e.operation,
              purpose: e.purpose,
              contact_ids: e.contactIds,
              outcome: e.outcome,
              reason: e.reason,
              accessed_at: e.accessedAt,
              notice_version: e.noticeVersion,
            })),
          ),
        ],
      );
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }]);
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  return {
    count: async () => (await client.query(`SELECT count(*)::int AS n FROM access_records`)).rows[0].n,
    /** Reads every row page by page, as the verification does, without hashing. */
    readAll: async () => {
      const started = process.hrtime.bigint();
      let last = 0;
      let read = 0;
      for (;;) {
        const { rows } = await client.query(`SELECT * FROM access_records WHERE seq > $1 ORDER BY seq LIMIT 10000`, [last]);
        read += rows.length;
        if (rows.length < 10_000) break;
        last = rows[rows.length - 1].seq;
      }
      return { records: read, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    },
    stop: async () => {
      await consumer.disconnect();
      await client.end();
    },
  };
}

/**
 * Audit built and started as its own process, on a database of its own. It counts the statements it sends to
 * PostgreSQL (queryCounts); with `profile`, it runs under node --cpu-prof and leaves its profile in .data/profiles/.
 */
async function startAudit(infra, databaseUrl, log, profile) {
  log('building audit...');
  execFileSync('npx', ['nx', 'run', 'audit:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  const identity = await benchIdentityProvider();
  mkdirSync(PROFILE_DIR, { recursive: true });
  const queryCountFile = join(PROFILE_DIR, `audit-queries-${Date.now()}.json`);
  const profileName = `audit-${Date.now()}.cpuprofile`;
  const profiling = profile ? ['--import', join(repoRoot, 'bench', 'exit-after-shutdown.mjs'), '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}`] : [];
  const counting = ['--import', join(repoRoot, 'bench', 'query-counter.mjs')];
  const child = spawn(process.execPath, [...counting, ...profiling, join(repoRoot, 'dist', 'apps', 'audit', 'main.js')], {
    cwd: repoRoot,
    env: {
      BENCH_QUERY_COUNT_FILE: queryCountFile,
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, 'audit'),
      ...identity.settings,
      LOG_LEVEL: 'error',
      KAFKA_CONSUMER_GROUP: `audit-bench-${randomUUID()}`,
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; !(await fetch(`${url}/health/ready`).catch(() => null))?.ok; i += 1) {
    if (i > 600 || child.exitCode !== null) throw new Error('audit did not become ready');
    await sleep(200);
  }
  const admin = await identity.token('admin', 'GROUP-HD');
  return {
    url,
    verify: async () => (await fetch(`${url}/audit/verify?full=true`, { headers: { authorization: `Bearer ${admin}` } })).json(),
    /** The statements audit has sent to PostgreSQL so far, by their first word (see query-counter.mjs). */
    queryCounts: async () => {
      // The file is written every 100 ms: wait for the last statements to be in it.
      await sleep(300);
      return existsSync(queryCountFile) ? JSON.parse(readFileSync(queryCountFile, 'utf8')) : { total: 0 };
    },
    /** Stops the process; returns the path of its CPU profile, if it was profiled. */
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      return profile && existsSync(join(PROFILE_DIR, profileName)) ? join(PROFILE_DIR, profileName) : null;
    },
  };
}

/**
 * Runs on a broker of its own, emptied first, so that both consumers read exactly this run's events; it
 * brings up PostgreSQL as the other benchmarks do and stops both again.
 */
export async function auditIngest({ log = say, size, profile = process.env.BENCH_PROFILE === '1' } = {}) {
  const EVENTS = sized(size, { small: 5_000, full: 50_000 });
  return withEnvironment(ownBrokerSettings(), async () => {
    execFileSync('bash', [join(repoRoot, 'tools', 'kafka', 'broker.sh'), 'reset'], { stdio: 'ignore' });
    const infra = await startInfrastructure({ log });
    const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING });
    const run = Date.now();
    const databases = [`bench_audit_${run}`, `bench_audit_baseline_${run}`];
    let audit;
    let baseline;
    let profilePath = null;
    try {
      log(`audit: producing ${EVENTS} access events for ${COMPANIES} companies...`);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '-1' }] }], waitForLeaders: true });
      await admin.disconnect();
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      for (let i = 0; i < EVENTS; i += 1000) {
        const events = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => accessEvent(i + j, EVENTS));
        await producer.send({ topic: TOPIC, acks: -1, messages: events.map((e) => ({ key: e.accessId, value: JSON.stringify(e) })) });
      }
      await producer.disconnect();

      const auditUrl = await createDatabase(infra, databases[0]);
      const baselineUrl = await createDatabase(infra, databases[1]);
      const auditClient = new pg.Client({ connectionString: auditUrl });

      log('audit baseline: plain multi-row INSERT per batch...');
      baseline = await runBaseline(kafka, baselineUrl);
      const plain = await measureIngest(baseline.count, EVENTS, 'baseline', log);

      log('audit: hash chain, alerts, commit after write...');
      audit = await startAudit(infra, auditUrl, log, profile);
      await auditClient.connect();
      const before = await audit.queryCounts();
      const chained = await measureIngest(async () => (await auditClient.query(`SELECT records::int AS n FROM chain_heads WHERE chain = 'accesses'`)).rows[0]?.n ?? 0, EVENTS, 'audit', log);
      await auditClient.end();
      const after = await audit.queryCounts();
      // Before the first batch is seen some statements of the first batches are counted too: the figure is per event of the whole run.
      const perThousand = Object.fromEntries(Object.keys(after).map((word) => [word, Math.round(((after[word] - (before[word] ?? 0)) / EVENTS) * 1000 * 10) / 10]));
      log(`audit: statements to PostgreSQL per 1000 events ingested (checkpoints, relay and readiness included): ${JSON.stringify(perThousand)}`);

      log('audit: verifying the whole chain...');
      const report = await audit.verify();
      if (profile) profilePath = await audit.stop();
      if (report.status !== 'INTACT') throw new Error(`verification found the chain ${report.status}: ${JSON.stringify(report.chains)}`);
      const accesses = report.chains.find((c) => c.chain === 'accesses');
      const read = await baseline.readAll();
      const verified = { records: accesses.checkedRecords, seconds: report.durationMs / 1000 };
      const rate = ({ records, seconds }) => records / seconds;
      return {
        profilePath,
        rows: [
          throughputRow('audit ingest', {
            registry: rate(chained),
            baseline: rate(plain),
            unit: 'records',
            atLeast: 0.5,
            note: `${EVENTS} access events; baseline: a consumer with one plain multi-row INSERT per batch`,
          }),
          throughputRow('full chain verification', {
            registry: rate(verified),
            baseline: rate(read),
            unit: 'records',
            atLeast: 0.8,
            note: `${verified.records} records recomputed; baseline: reading the same rows page by page`,
          }),
        ],
      };
    } finally {
      await baseline?.stop().catch(() => undefined);
      await audit?.stop().catch(() => undefined);
      await dropDatabases(infra, databases).catch((error) => log(`could not drop the benchmark databases: ${error.message}`));
      await infra.stop();
    }
  });
}

if (isMain(import.meta.url)) {
  const { rows, profilePath } = await auditIngest({ size: process.argv[2] });
  printTable(rows);
  if (profilePath) say(`audit's CPU profile: ${profilePath} (summarise it with node bench/cpuprofile-summary.mjs ${profilePath})`);
}
