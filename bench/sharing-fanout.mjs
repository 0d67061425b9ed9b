#!/usr/bin/env node
// Fan-out throughput: contact events consumed by sharing and delivered to 20 group companies, each on its
// own topic through the outbox (projection, eligibility, provision records, relay), beside a baseline:
// the same number of messages of the same size produced straight to the same topics with kafkajs.
// Usage: npm run bench:fanout [-- <contacts>]
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { adminSasl } from '../tools/infra/kafka.mjs';
import { isMain, runAlone, say, sized, sleep, throughputRow } from './bench-kit.mjs';
import { startSharing } from './sharing-under-test.mjs';

const COMPANIES = 20;
const PORT = 3903;

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

export async function fanOut({ infra, log = say, size }) {
  const CONTACTS = sized(size, { small: 50, full: 500 });
  const run = Date.now().toString(36).toUpperCase();
  const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING });
  let sharing;
  try {
    sharing = await startSharing({ infra, port: PORT, log });
    const client = new pg.Client({ connectionString: sharing.databaseUrl });
    await client.connect();

    // Let sharing consume what the contact topic already holds before any company exists, so only this run's contacts fan out.
    await sharing.waitUntilCaughtUp(kafka);
    const admin = kafka.admin();
    await admin.connect();

    const companies = Array.from({ length: COMPANIES }, (_, i) => `FAN${String(i).padStart(2, '0')}-${run}`);
    for (const code of companies) await sharing.registerCompany(code);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const events = Array.from({ length: CONTACTS }, () => contactEvent(randomUUID()));
    const expected = CONTACTS * COMPANIES;
    log(`fan-out: ${CONTACTS} contacts to ${COMPANIES} companies (${expected} deliveries, each with a provision record)`);
    const started = process.hrtime.bigint();
    await producer.send({ topic: 'contacts.contact.v1', acks: -1, messages: events.map((e) => ({ key: e.contactId, value: JSON.stringify(e) })) });
    let last = 0;
    await waitFor(async () => {
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'sharing.company.%' AND published_at IS NOT NULL`)).rows;
      if (n - last >= expected / 5) {
        log(`  ${n} of ${expected} delivered`);
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
    return {
      rows: [
        throughputRow('fan-out to 20 companies', {
          registry: expected / registrySeconds,
          baseline: expected / baselineSeconds,
          unit: 'deliveries',
          atLeast: 0.3,
          note: `${CONTACTS} contacts x ${COMPANIES} companies, each delivery with its provision record; baseline: kafkajs produce of the same messages`,
        }),
      ],
    };
  } finally {
    await sharing?.stop();
  }
}

if (isMain(import.meta.url)) await runAlone(fanOut);
