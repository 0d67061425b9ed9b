#!/usr/bin/env node
// The scale model's unit costs, measured on the real services: contacts, sharing and audit as processes of their
// own, N business cards registered through the API for a few eligible companies and delivered to each of them,
// then N purpose-bound reads recorded by audit. It prints what one contact, one delivery, one read and one audit
// record cost in storage, messages and CPU, and multiplies them out for a group of 50 companies, 10 million
// contacts and 100 reads/s (bench/README.md, "Scale model", explains the model and its limits).
// Usage: npm run bench:scale [-- <contacts>]   (BENCH_SCALE=small: 300, full: 2,000)
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { adminSasl } from '../tools/infra/kafka.mjs';
import { startAudit } from './audit-under-test.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';
import { isMain, say, sized, sleep } from './bench-kit.mjs';
import { startContacts } from './contacts-under-test.mjs';
import { businessCard } from './registration-throughput.mjs';
import { startSharing } from './sharing-under-test.mjs';

const PORTS = { sharing: 3931, contacts: 3932, audit: 3933 };
const COMPANIES = 4;
const CLIENTS = 8;

/** The group the model is for. */
export const TARGET = { companies: 50, contacts: 10_000_000, readsPerSecond: 100, auditRetentionDays: 1095, replicationFactor: 3 };

const CLOCK_TICKS = 100;
/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function rows(databaseUrl, sql, params) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every table of a database with its rows and its bytes on disk (indexes and TOAST included), after a VACUUM. */
async function tableSizes(databaseUrl) {
  await rows(databaseUrl, 'VACUUM (ANALYZE)');
  const tables = await rows(
    databaseUrl,
    `SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'public'`,
  );
  const sized = {};
  for (const { name, bytes } of tables) {
    const [{ count }] = await rows(databaseUrl, `SELECT count(*)::bigint AS count FROM "${name}"`);
    sized[name] = { rows: Number(count), bytes: Number(bytes) };
  }
  return sized;
}

/** Average bytes of what a service published on topics matching `pattern` (key + payload), from its outbox. */
async function messageBytes(databaseUrl, pattern) {
  const [{ bytes, count }] = await rows(
    databaseUrl,
    `SELECT coalesce(avg(octet_length(message_key) + coalesce(octet_length(payload::text), 0)), 0)::float AS bytes, count(*)::int AS count
       FROM outbox WHERE topic LIKE $1 AND published_at IS NOT NULL`,
    [pattern],
  );
  return { bytes, count };
}

async function until(what, check, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function concurrently(total, clients, work) {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < total; i = next++) await work(i);
  }));
}

const perRow = (table) => (table && table.rows > 0 ? table.bytes / table.rows : 0);
const gb = (bytes) => `${(bytes / 1e9).toLocaleString('en-US', { maximumFractionDigits: bytes >= 1e11 ? 0 : 1 })} GB`;
const cores = (cpuPerSecond) => `${cpuPerSecond.toLocaleString('en-US', { maximumFractionDigits: 2 })} cores`;

/** Measures the unit costs; returns them with the model's lines. */
export async function scaleModel({ infra, log = say, size }) {
  const contactsCount = sized(size, { small: 300, full: 2_000 });
  const reads = contactsCount;
  const run = Date.now().toString(36).toUpperCase();
  const codes = Array.from({ length: COMPANIES }, (_, i) => `SCALE${run}${i}-JP`);
  const identity = await benchIdentityProvider();
  const kafka = new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING });
  let sharing;
  let contacts;
  let audit;
  try {
    sharing = await startSharing({ infra, port: PORTS.sharing, log, identity });
    contacts = await startContacts({ infra, port: PORTS.contacts, log, identity });
    audit = await startAudit({ infra, port: PORTS.audit, log, identity });
    await sharing.waitUntilCaughtUp(kafka);
    for (const code of codes) await sharing.registerCompany(code);
    for (const code of codes) await contacts.waitForCompany(code);

    log(`scale model: ${contactsCount} registrations by ${CLIENTS} clients, delivered to ${COMPANIES} companies`);
    const ids = [];
    const registrationCpu = { contacts: cpuSeconds(contacts.pid), sharing: cpuSeconds(sharing.pid) };
    await concurrently(contactsCount, CLIENTS, async (n) => {
      const response = await fetch(`${contacts.url}/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await identity.token('sales', codes[n % COMPANIES])}`, 'content-type': 'application/json' },
        body: JSON.stringify(businessCard(n, `scale${run}`)),
      });
      if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
      ids.push((await response.json()).id);
    });
    const delivered = async () =>
      (await rows(sharing.databaseUrl, `SELECT count(*)::int AS n FROM deliveries WHERE company_code = ANY($1) AND state = 'DELIVERED'`, [codes]))[0].n;
    await until('the deliveries to every company', async () => (await delivered()) >= contactsCount * COMPANIES);
    await until("sharing's relay publishing every delivery", async () =>
      (await rows(sharing.databaseUrl, `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0);
    const registration = {
      contacts: cpuSeconds(contacts.pid) - registrationCpu.contacts,
      sharing: cpuSeconds(sharing.pid) - registrationCpu.sharing,
    };

    log(`scale model: ${reads} purpose-bound reads, each recorded by audit`);
    const readCpu = { sharing: cpuSeconds(sharing.pid), audit: cpuSeconds(audit.pid) };
    const [recordsBefore] = await rows(audit.databaseUrl, `SELECT count(*)::int AS n FROM access_records WHERE company_code = ANY($1)`, [codes]);
    await concurrently(reads, 4, async (i) => {
      const reader = codes[i % COMPANIES];
      const response = await fetch(`${sharing.url}/shared-contacts/${ids[(i * 7919) % ids.length]}?purpose=PRODUCT_INFO`, {
        headers: { authorization: `Bearer ${await identity.token('company', reader)}` },
      });
      if (response.status !== 200) throw new Error(`read answered ${response.status}`);
      await response.arrayBuffer();
    });
    await until('audit recording every read', async () =>
      (await rows(audit.databaseUrl, `SELECT count(*)::int AS n FROM access_records WHERE company_code = ANY($1)`, [codes]))[0].n >= recordsBefore.n + reads);
    const reading = { sharing: cpuSeconds(sharing.pid) - readCpu.sharing, audit: cpuSeconds(audit.pid) - readCpu.audit };

    const sizes = {
      contacts: await tableSizes(contacts.databaseUrl),
      sharing: await tableSizes(sharing.databaseUrl),
      audit: await tableSizes(audit.databaseUrl),
    };
    const messages = {
      contact: await messageBytes(contacts.databaseUrl, 'contacts.contact.%'),
      company: await messageBytes(sharing.databaseUrl, 'sharing.company.%'),
      provision: await messageBytes(sharing.databaseUrl, 'sharing.provision.%'),
      access: await messageBytes(sharing.databaseUrl, 'sharing.access.%'),
    };
    const unit = {
      contactBytesInContacts: (sizes.contacts.contacts.bytes + sizes.contacts.acquisitions.bytes) / contactsCount,
      sharedContactBytes: perRow(sizes.sharing.shared_contacts),
      deliveryBytes: perRow(sizes.sharing.deliveries),
      accessRecordBytes: perRow(sizes.audit.access_records),
      provisionRecordBytes: perRow(sizes.audit.provision_records),
      registrationCpuMs: (registration.contacts * 1000) / contactsCount,
      deliveryCpuMs: (registration.sharing * 1000) / (contactsCount * COMPANIES),
      readCpuMs: (reading.sharing * 1000) / reads,
      auditRecordCpuMs: (reading.audit * 1000) / reads,
    };
    return { contactsCount, reads, companies: COMPANIES, unit, messages, sizes, lines: modelLines(unit, messages) };
  } finally {
    await audit?.stop();
    await contacts?.stop();
    await sharing?.stop();
  }
}

/** The unit costs multiplied out for TARGET. */
export function modelLines(unit, messages) {
  const { companies, contacts, readsPerSecond, auditRetentionDays, replicationFactor } = TARGET;
  const deliveries = contacts * companies;
  const readsKept = readsPerSecond * 86_400 * auditRetentionDays;
  return [
    ['contacts database', `${Math.round(unit.contactBytesInContacts)} B a contact (contact + acquisition)`, gb(unit.contactBytesInContacts * contacts)],
    ["sharing's copy", `${Math.round(unit.sharedContactBytes)} B a shared contact`, gb(unit.sharedContactBytes * contacts)],
    ['deliveries (who has which version)', `${Math.round(unit.deliveryBytes)} B a contact and company`, gb(unit.deliveryBytes * deliveries)],
    [`company topics (compacted, replication ${replicationFactor})`, `${Math.round(messages.company.bytes)} B a message`, gb(messages.company.bytes * deliveries * replicationFactor)],
    [`contact topic (compacted, replication ${replicationFactor})`, `${Math.round(messages.contact.bytes)} B a message`, gb(messages.contact.bytes * contacts * replicationFactor)],
    [`audit: access records for ${auditRetentionDays} days`, `${Math.round(unit.accessRecordBytes)} B a record`, gb(unit.accessRecordBytes * readsKept)],
    ['audit: provision records of the first delivery', `${Math.round(unit.provisionRecordBytes)} B a record`, gb(unit.provisionRecordBytes * deliveries)],
    [`sharing CPU for ${readsPerSecond} reads/s`, `${unit.readCpuMs.toFixed(2)} ms a read`, cores((unit.readCpuMs * readsPerSecond) / 1000)],
    [`audit CPU for ${readsPerSecond} records/s`, `${unit.auditRecordCpuMs.toFixed(2)} ms a record`, cores((unit.auditRecordCpuMs * readsPerSecond) / 1000)],
    ['contacts CPU, first load of 10 million', `${unit.registrationCpuMs.toFixed(2)} ms a registration`, `${((unit.registrationCpuMs * contacts) / 3_600_000).toFixed(0)} core-hours`],
    [`sharing CPU, fan-out of the first load to ${companies} companies`, `${unit.deliveryCpuMs.toFixed(2)} ms a delivery`, `${((unit.deliveryCpuMs * deliveries) / 3_600_000).toFixed(0)} core-hours`],
  ];
}

export function printModel({ contactsCount, reads, companies, lines, sizes }) {
  console.log('');
  console.log(`Measured with ${contactsCount.toLocaleString('en-US')} contacts delivered to ${companies} companies and ${reads.toLocaleString('en-US')} reads;`);
  console.log(`model: ${TARGET.companies} companies, ${TARGET.contacts.toLocaleString('en-US')} contacts, ${TARGET.readsPerSecond} reads/s.`);
  console.log('');
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((line) => line[i].length), ['component', 'measured', 'at the model\'s scale'][i].length));
  const print = (cells) => console.log(`| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`);
  print(['component', 'measured', "at the model's scale"]);
  print(widths.map((w) => '-'.repeat(w)));
  for (const line of lines) print(line);
  console.log('');
  for (const [service, tables] of Object.entries(sizes)) {
    const listed = Object.entries(tables)
      .filter(([, t]) => t.rows > 0)
      .sort(([, a], [, b]) => b.bytes - a.bytes)
      .map(([name, t]) => `${name} ${t.rows.toLocaleString('en-US')} rows ${Math.round(t.bytes / 1024).toLocaleString('en-US')} KiB`);
    console.log(`  ${service}: ${listed.join('; ')}`);
  }
}

if (isMain(import.meta.url)) {
  const { startInfrastructure } = await import('../tools/infra/infrastructure.mjs');
  const infra = await startInfrastructure({ log: say });
  try {
    printModel(await scaleModel({ infra, size: process.argv[2] }));
  } finally {
    await infra.stop();
  }
}
