#!/usr/bin/env node
// Fan-out throughput: contact events consumed by sharing and delivered to 20 group companies, each on its
// own topic through the outbox (projection, eligibility, provision records, relay), beside a baseline:
// the same number of messages of the same size produced straight to the same topics with kafkajs.
// Usage: npm run bench:fanout [-- <contacts>]   (builds sharing first; brings up PostgreSQL and Kafka if needed)
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { repoRoot, startInfrastructure } from '../tools/infra/infrastructure.mjs';

const CONTACTS = Number(process.argv[2] ?? 500);
const COMPANIES = 20;
const SECRET = randomUUID() + randomUUID();
const PORT = 3903;
const run = Date.now().toString(36).toUpperCase();
const say = (line) => console.log(`bench: ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (role, company) => jwt.sign({ role, company }, SECRET, { algorithm: 'HS256', issuer: 'joint-use-registry', subject: `${role}-bench`, expiresIn: 3600 });

function contactEvent(contactId) {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    eventType: 'ContactRegistered',
    contactId,
    version: 1,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01', companyCode: 'BENCH-HD' },
    items: {
      name: { full: '山田 太郎', kana: 'ヤマダ タロウ' },
      organizationName: 'Bench Trading KK',
      address: { postalCode: '107-0062', prefecture: '東京都', city: '港区', street: '南青山3-1-30' },
      email: `bench.${contactId.slice(0, 8)}@example.co.jp`,
      phone: '+81312345678',
      transactionHistory: [],
    },
  };
}

async function waitFor(check, what, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const infra = await startInfrastructure({ log: say });
const database = `bench_fanout_${Date.now()}`;
const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
let service;
try {
  say('building sharing...');
  execFileSync('npx', ['nx', 'run', 'sharing:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  await infra.createDatabase(database);
  const url = infra.databaseUrl(database);
  const client = new pg.Client({ connectionString: url });
  service = spawn(process.execPath, [join(repoRoot, 'dist', 'apps', 'sharing', 'main.js')], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: url, KAFKA_BROKERS: infra.kafkaBrokers, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', KAFKA_CONSUMER_GROUP: `bench-${run}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  await waitFor(async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true, 'sharing to be ready');
  await client.connect();

  // Let sharing consume what the contact topic already holds before any company exists, so only this run's contacts fan out.
  const admin = kafka.admin();
  await admin.connect();
  await waitFor(async () => {
    const ends = await admin.fetchTopicOffsets('contacts.contact.v1').catch(() => null);
    const [group] = await admin.fetchOffsets({ groupId: `bench-${run}`, topics: ['contacts.contact.v1'] }).catch(() => [null]);
    if (!ends || !group) return false;
    return ends.every((end) => end.high === '0' || group.partitions.find((p) => p.partition === end.partition)?.offset === end.high);
  }, 'sharing to catch up with the contact topic');

  const companies = Array.from({ length: COMPANIES }, (_, i) => `FAN${String(i).padStart(2, '0')}-${run}`);
  for (const code of companies) {
    const response = await fetch(`${base}/companies/${code}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token('admin', 'GROUP-HD')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ legalName: `${code} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true }),
    });
    if (!response.ok) throw new Error(`cannot register ${code}: ${response.status}`);
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const events = Array.from({ length: CONTACTS }, () => contactEvent(randomUUID()));
  const expected = CONTACTS * COMPANIES;
  say(`fan-out: ${CONTACTS} contacts to ${COMPANIES} companies (${expected} deliveries, each with a provision record)`);
  const started = process.hrtime.bigint();
  await producer.send({ topic: 'contacts.contact.v1', acks: -1, messages: events.map((e) => ({ key: e.contactId, value: JSON.stringify(e) })) });
  let last = 0;
  await waitFor(async () => {
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'sharing.company.%' AND published_at IS NOT NULL`)).rows;
    if (n - last >= expected / 5) {
      say(`  ${n} of ${expected} delivered`);
      last = n;
    }
    return n >= expected;
  }, 'every delivery to be published');
  const registrySeconds = Number(process.hrtime.bigint() - started) / 1e9;

  // Baseline: the same deliveries, produced straight to the same topics in batches of the relay's size.
  const payload = (e) => JSON.stringify({ eventId: randomUUID(), occurredAt: e.occurredAt, schemaVersion: 1, eventType: 'SharedContactUpserted', contactId: e.contactId, version: 1, items: e.items });
  const messages = companies.flatMap((code) => events.map((e) => ({ topic: `sharing.company.${code}.v1`, key: e.contactId, value: payload(e) })));
  const baselineStarted = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += 500) {
    const batch = messages.slice(i, i + 500);
    const byTopic = new Map();
    for (const m of batch) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
  }
  const baselineSeconds = Number(process.hrtime.bigint() - baselineStarted) / 1e9;
  await producer.disconnect();
  await admin.disconnect();
  await client.end();

  const rate = (seconds) => `${Math.round(expected / seconds)} deliveries/s`.padEnd(22);
  console.log('');
  console.log(`baseline: produce straight to the 20 topics   ${rate(baselineSeconds)} (${baselineSeconds.toFixed(2)} s)`);
  console.log(`registry: consume, decide, outbox, relay      ${rate(registrySeconds)} (${registrySeconds.toFixed(2)} s)`);
  console.log(`ratio (baseline throughput / registry)        ${(registrySeconds / baselineSeconds).toFixed(1)}`);
} finally {
  service?.kill('SIGTERM');
  await new Promise((resolve) => (service ? service.once('exit', resolve) : resolve()));
  const adminClient = new pg.Client({ connectionString: infra.postgresServerUrl });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminClient.end();
  await infra.stop();
}
