#!/usr/bin/env node
// End-to-end latency from a registration to the company's topic: the time from contacts' answer to a
// POST /contacts until the contact is visible to a consumer of `sharing.company.<CODE>.v1` (contacts' outbox
// and relay, the contact topic, sharing's projection and eligibility, its outbox and relay). One registration
// at a time. Baseline: a message produced with kafkajs to a topic on the same broker until a consumer sees it.
// Usage: npm run bench:register-to-topic [-- <registrations>]
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { adminSasl } from '../tools/infra/kafka.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';
import { isMain, latencyRow, runAlone, say, sized, sleep, summary } from './bench-kit.mjs';
import { startContacts } from './contacts-under-test.mjs';
import { businessCard } from './registration-throughput.mjs';
import { startSharing } from './sharing-under-test.mjs';

const SHARING_PORT = 3921;
const CONTACTS_PORT = 3922;

/** A consumer that notes when each key arrives; `arrival(key)` waits for it. */
async function arrivals(kafka, topic, groupId) {
  const seen = new Map();
  const waiting = new Map();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = process.hrtime.bigint();
      const key = message.key?.toString() ?? '';
      if (seen.has(key)) return;
      seen.set(key, at);
      waiting.get(key)?.(at);
    },
  });
  return {
    arrival: (key, timeoutMs = 60_000) =>
      seen.has(key)
        ? Promise.resolve(seen.get(key))
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${key} did not reach ${topic} within ${timeoutMs / 1000} s`)), timeoutMs);
            waiting.set(key, (at) => {
              clearTimeout(timer);
              resolve(at);
            });
          }),
    stop: () => consumer.disconnect(),
  };
}

async function waitForTopic(kafka, topic, timeoutMs = 120_000) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline) throw new Error(`${topic} was not created`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

const latencyMs = (from, to) => Math.max(0, Number(to - from) / 1e6);

export async function registerToTopic({ infra, log = say, size }) {
  const registrations = sized(size, { small: 100, full: 1000 });
  const warmup = 20;
  const run = Date.now().toString(36).toUpperCase();
  const code = `LAT${run}-JP`;
  const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING });
  const identity = await benchIdentityProvider();
  let sharing;
  let contacts;
  const consumers = [];
  try {
    sharing = await startSharing({ infra, port: SHARING_PORT, log, identity });
    contacts = await startContacts({ infra, port: CONTACTS_PORT, log, identity });
    // Only this run's contacts should travel: sharing first reads what the contact topic already holds.
    await sharing.waitUntilCaughtUp(kafka);
    await sharing.registerCompany(code);
    await contacts.waitForCompany(code);
    const authorization = `Bearer ${await identity.token('sales', code)}`;
    const register = async (n) => {
      const response = await fetch(`${contacts.url}/contacts`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(businessCard(n, `lat${run}`)),
      });
      if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
      const { id } = await response.json();
      return { id, answeredAt: process.hrtime.bigint() };
    };
    const topic = `sharing.company.${code}.v1`;
    log(`register -> ${topic}: ${warmup} to warm up, then ${registrations} registrations one at a time`);
    const first = await register(0);
    await waitForTopic(kafka, topic);
    const company = await arrivals(kafka, topic, `bench-latency-${run}`);
    consumers.push(company);
    await company.arrival(first.id);
    for (let n = 1; n < warmup; n += 1) await company.arrival((await register(n)).id);
    const registry = [];
    for (let n = warmup; n < warmup + registrations; n += 1) {
      const { id, answeredAt } = await register(n);
      registry.push(latencyMs(answeredAt, await company.arrival(id)));
    }

    // Baseline: produce -> consume on the same broker.
    const baselineTopic = `bench.latency.${run}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: baselineTopic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const raw = await arrivals(kafka, baselineTopic, `bench-latency-raw-${run}`);
    consumers.push(raw);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const value = JSON.stringify({ eventType: 'SharedContactUpserted', items: businessCard(0, run) });
    const baseline = [];
    for (let n = 0; n < warmup + registrations; n += 1) {
      const key = `raw-${n}`;
      const sentAt = process.hrtime.bigint();
      await producer.send({ topic: baselineTopic, acks: -1, messages: [{ key, value }] });
      const at = await raw.arrival(key);
      if (n >= warmup) baseline.push(latencyMs(sentAt, at));
    }
    await producer.disconnect();
    await admin.connect();
    await admin.deleteTopics({ topics: [baselineTopic] }).catch(() => undefined);
    await admin.disconnect();
    return {
      rows: [
        latencyRow('register -> company topic', {
          registry: summary(registry),
          baseline: summary(baseline),
          atMostMs: 50,
          note: `${registrations} registrations, from the answer to POST /contacts until the company's consumer sees the contact; baseline: kafkajs produce -> consume`,
        }),
      ],
    };
  } finally {
    for (const consumer of consumers) await consumer.stop().catch(() => undefined);
    await contacts?.stop();
    await sharing?.stop();
  }
}

if (isMain(import.meta.url)) await runAlone(registerToTopic);
