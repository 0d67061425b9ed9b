#!/usr/bin/env node
// Latency of a purpose-bound read at sharing (HTTP, token, eligibility rule, access record in the outbox,
// all in one transaction) beside a baseline: the same SELECT of the same rows through `pg` alone.
// Usage: npm run bench:read [-- <requests>]   (builds sharing first; brings up PostgreSQL and Kafka if needed)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startInfrastructure } from '../tools/infra/infrastructure.mjs';
import { startSharing } from './sharing-under-test.mjs';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONTACTS = 1000;
const WARMUP = 300;
const PORT = 3902;
const say = (line) => console.log(`bench: ${line}`);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

async function timed(count, work) {
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    const started = process.hrtime.bigint();
    await work(i);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return latencies;
}

const infra = await startInfrastructure({ log: say });
let sharing;
try {
  sharing = await startSharing({ infra, port: PORT, log: say });
  await sharing.registerCompany('BENCH-JP');
  const base = sharing.url;

  const client = new pg.Client({ connectionString: sharing.databaseUrl });
  await client.connect();
  const ids = Array.from({ length: CONTACTS }, () => randomUUID());
  await client.query(
    `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, email, transaction_history, acquisition_method, acquired_on, acquiring_company_code)
     SELECT id, 1, 'Bench Person ' || n, 'Bench Org', 'bench' || n || '@example.co.jp', '[]'::jsonb, 'BUSINESS_CARD', '2026-11-01', 'BENCH-JP'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids],
  );
  const pick = (i) => ids[(i * 7919) % CONTACTS];
  const authorization = `Bearer ${await sharing.token('company', 'BENCH-JP')}`;
  const read = async (i) => {
    const response = await fetch(`${base}/shared-contacts/${pick(i)}?purpose=PRODUCT_INFO`, { headers: { authorization } });
    if (response.status !== 200) throw new Error(`read answered ${response.status}`);
    await response.arrayBuffer();
  };
  const select = async (i) => {
    const { rowCount } = await client.query('SELECT * FROM shared_contacts WHERE contact_id = $1', [pick(i)]);
    if (rowCount !== 1) throw new Error('baseline found no row');
  };

  say(`warming up (${WARMUP} of each), then ${REQUESTS} sequential reads of each, ${CONTACTS} contacts`);
  await timed(WARMUP, read);
  await timed(WARMUP, select);
  const baseline = summary(await timed(REQUESTS, select));
  const registry = summary(await timed(REQUESTS, read));
  const [{ records }] = (await client.query(`SELECT count(*)::int AS records FROM outbox WHERE topic = 'sharing.access.v1'`)).rows;
  await client.end();

  const ms = (v) => `${v.toFixed(3)} ms`;
  console.log('');
  console.log('                                   p50          p99          mean');
  console.log(`baseline: SELECT through pg       ${ms(baseline.p50).padEnd(13)}${ms(baseline.p99).padEnd(13)}${ms(baseline.mean)}`);
  console.log(`registry: purpose-bound read      ${ms(registry.p50).padEnd(13)}${ms(registry.p99).padEnd(13)}${ms(registry.mean)}`);
  console.log(`ratio (registry / baseline)       ${(registry.p50 / baseline.p50).toFixed(1).padEnd(13)}${(registry.p99 / baseline.p99).toFixed(1).padEnd(13)}${(registry.mean / baseline.mean).toFixed(1)}`);
  console.log(`access records written: ${records} (one per read, warm-up included)`);
} finally {
  await sharing?.stop();
  await infra.stop();
}
