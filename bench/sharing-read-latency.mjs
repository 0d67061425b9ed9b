#!/usr/bin/env node
// Latency of a purpose-bound read at sharing (HTTP, token, eligibility rule, access record in the outbox,
// all in one transaction) beside a baseline that does the same work through `pg` alone: BEGIN, the SELECT of
// the row, the INSERT of the access record into the outbox, COMMIT.
// Usage: npm run bench:read [-- <requests>]   (BENCH_PROFILE=1 runs sharing under --cpu-prof)
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { adminSasl } from '../tools/infra/kafka.mjs';
import { isMain, latencyRow, runAlone, say, sized, summary, timed } from './bench-kit.mjs';
import { startSharing } from './sharing-under-test.mjs';

const CONTACTS = 1000;
const PORT = 3902;

export async function readLatency({ infra, log = say, size, profile = process.env.BENCH_PROFILE === '1' }) {
  const requests = sized(size, { small: 500, full: 2000 });
  const warmup = Math.min(300, requests);
  const sharing = await startSharing({ infra, port: PORT, log, profile });
  const client = new pg.Client({ connectionString: sharing.databaseUrl });
  try {
    // Sharing first projects what the contact topic already holds, so that the reads do not share the process with it.
    await sharing.waitUntilCaughtUp(new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING }));
    await sharing.registerCompany('BENCH-JP');
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
      const response = await fetch(`${sharing.url}/shared-contacts/${pick(i)}?purpose=PRODUCT_INFO`, { headers: { authorization } });
      if (response.status !== 200) throw new Error(`read answered ${response.status}`);
      await response.arrayBuffer();
    };
    // The baseline records its access the way sharing does, in a table of the same shape, so that sharing's relay does not publish it.
    await client.query(`CREATE TABLE bench_access_outbox (LIKE outbox INCLUDING ALL)`);
    const readAndRecord = async (i) => {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT * FROM shared_contacts WHERE contact_id = $1', [pick(i)]);
      if (rows.length !== 1) throw new Error('baseline found no row');
      const accessId = randomUUID();
      const now = new Date().toISOString();
      const event = {
        eventId: randomUUID(), occurredAt: now, schemaVersion: 3, eventType: 'AccessRecorded', accessId, companyCode: 'BENCH-JP', requestedBy: 'company-bench',
        operation: 'READ_CONTACT', purpose: 'PRODUCT_INFO', contactIds: [pick(i)], outcome: 'GRANTED', reason: null, accessedAt: now, noticeVersion: '2022-04-01', acquisitionNoticeVersions: ['2022-04-01'],
      };
      await client.query(`INSERT INTO bench_access_outbox (event_id, topic, message_key, payload) VALUES ($1, $2, $3, $4)`, [event.eventId, 'sharing.access.v1', accessId, JSON.stringify(event)]);
      await client.query('COMMIT');
    };

    log(`read: warming up (${warmup} of each), then ${requests} sequential reads of each, ${CONTACTS} contacts`);
    await timed(warmup, read);
    await timed(warmup, readAndRecord);
    const baseline = summary(await timed(requests, readAndRecord));
    const before = await sharing.queryCounts();
    const registry = summary(await timed(requests, read));
    const after = await sharing.queryCounts();
    const perRead = ((after.total - before.total) / requests).toFixed(1);
    const byWord = Object.fromEntries(Object.keys(after).map((word) => [word, ((after[word] - (before[word] ?? 0)) / requests).toFixed(1)]).filter(([, n]) => n !== '0.0'));
    log(`read: statements to PostgreSQL per read (relay polling included): ${JSON.stringify(byWord)}`);
    const [{ records }] = (await client.query(`SELECT count(*)::int AS records FROM outbox WHERE topic = 'sharing.access.v1'`)).rows;
    if (records < requests + warmup) throw new Error(`only ${records} access records for ${requests + warmup} reads`);
    const profilePath = await sharing.stopProcess();
    const row = latencyRow('read with its access record', {
      registry,
      baseline,
      atMostRatio: 2,
      note: `${requests} sequential reads, ${perRead} statements per read at sharing (relay polling included); baseline: BEGIN, SELECT, INSERT of the access record, COMMIT through pg`,
    });
    return { rows: [row], profilePath };
  } finally {
    await client.end().catch(() => undefined);
    await sharing.stop();
  }
}

if (isMain(import.meta.url)) await runAlone(readLatency, { profiled: "sharing's CPU profile" });
