#!/usr/bin/env node
// Registration throughput: 8 clients registering distinct persons from business cards with POST /contacts
// at contacts (HTTP, token, validation, identity locks and lookups, the contact, the acquisition with its
// items, the shared state formed again, the event in the outbox, commit), beside a baseline: raw `pg` doing
// what a registration must do in one transaction (the two identity lookups, the contact row, the
// acquisition row with the submitted items, the outbox row, commit), 8 clients on the same server.
// Usage: npm run bench:register [-- <registrations>]   (BENCH_PROFILE=1 runs contacts under --cpu-prof)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { elapsedMs, isMain, runAlone, say, sized, throughputRow } from './bench-kit.mjs';
import { startContacts } from './contacts-under-test.mjs';

const CLIENTS = 8;
const PORT = 3911;
const COMPANY = 'BENCHREG-JP';

/** A distinct person from a business card: the items a sales person types in. */
export function businessCard(n, run) {
  return {
    name: { full: `山田 太郎${n}`, kana: `ヤマダ タロウ${n}` },
    organizationName: `Bench Trading ${run} ${n % 97}`,
    address: { postalCode: '107-0062', prefecture: '東京都', city: '港区', street: `南青山3-1-${n % 50}` },
    department: 'Sales',
    title: 'Manager',
    email: `bench.${run}.${n}@example.co.jp`.toLowerCase(),
    phone: `03-${String(1000 + (n % 9000)).padStart(4, '0')}-${String(n % 10000).padStart(4, '0')}`,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01' },
  };
}

/** Runs `work(i)` for i in [0, total) on `clients` concurrent workers; returns the seconds it took. */
async function concurrently(total, clients, work) {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
  return elapsedMs(started) / 1000;
}

/** What a registration must do, in one transaction, through `pg` alone. */
async function rawRegistration(client, card) {
  const contactId = randomUUID();
  const emailKey = card.email;
  const personKey = `${card.name.full}|${card.organizationName}|${card.phone}`;
  const items = { name: card.name, organizationName: card.organizationName, address: card.address, department: card.department, title: card.title, email: card.email, phone: card.phone };
  await client.query('BEGIN');
  try {
    await client.query(`SELECT id FROM contacts WHERE email_key = $1 ORDER BY created_at LIMIT 1`, [emailKey]);
    await client.query(`SELECT id FROM contacts WHERE person_key = $1 ORDER BY created_at LIMIT 1`, [personKey]);
    await client.query(
      `INSERT INTO contacts (id, version, name_full, name_kana, organization_name, postal_code, prefecture, city, street, department, title, email, phone, fax,
                             transaction_history, email_key, person_key)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, '[]'::jsonb, $13, $14)`,
      [contactId, card.name.full, card.name.kana, card.organizationName, card.address.postalCode, card.address.prefecture, card.address.city, card.address.street,
        card.department, card.title, card.email, card.phone, emailKey, personKey],
    );
    await client.query(
      `INSERT INTO acquisitions (id, contact_id, method, acquired_on, company_code, acquired_by, notice_version, joint_use_notified, submitted_items)
       VALUES ($1, $2, 'BUSINESS_CARD', $3, $4, 'sales-bench', '2022-04-01', true, $5)`,
      [randomUUID(), contactId, card.acquisition.acquiredOn, COMPANY, JSON.stringify(items)],
    );
    const event = { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, eventType: 'ContactRegistered', contactId, version: 1, items };
    await client.query(`INSERT INTO outbox (event_id, topic, message_key, payload) VALUES ($1, $2, $3, $4)`, [event.eventId, 'contacts.contact.v1', contactId, JSON.stringify(event)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Returns the table's row; with `profile`, also the path of contacts' CPU profile. */
export async function registrationThroughput({ infra, log = say, size, profile = process.env.BENCH_PROFILE === '1' }) {
  const registrations = sized(size, { small: 800, full: 5000 });
  const warmup = Math.min(200, registrations);
  const run = Date.now().toString(36);
  const contacts = await startContacts({ infra, port: PORT, log, profile });
  let profilePath = null;
  try {
    await contacts.copyCompany(COMPANY);
    const authorization = `Bearer ${await contacts.token('sales', COMPANY)}`;
    const register = async (n) => {
      const response = await fetch(`${contacts.url}/contacts`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(businessCard(n, run)),
      });
      if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    log(`registration: warming up (${warmup}), then ${registrations} registrations by ${CLIENTS} clients`);
    await concurrently(warmup, CLIENTS, (i) => register(registrations + i));
    const before = await contacts.queryCounts();
    const registrySeconds = await concurrently(registrations, CLIENTS, register);
    const after = await contacts.queryCounts();
    const perRegistration = Object.fromEntries(
      Object.keys(after)
        .map((word) => [word, ((after[word] - (before[word] ?? 0)) / registrations).toFixed(1)])
        .filter(([, n]) => n !== '0.0'),
    );
    log(`registration: statements to PostgreSQL per registration (relay polling included): ${JSON.stringify(perRegistration)}`);
    profilePath = await contacts.stopProcess();

    // The baseline on the same schema and server, once contacts (and its relay) has stopped.
    const clients = await Promise.all(Array.from({ length: CLIENTS }, async () => {
      const client = new pg.Client({ connectionString: contacts.databaseUrl });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    }));
    const pool = [...clients];
    const raw = async (n) => {
      const client = pool.pop();
      try {
        await rawRegistration(client, businessCard(n, `raw${run}`));
      } finally {
        pool.push(client);
      }
    };
    await concurrently(warmup, CLIENTS, (i) => raw(registrations + i));
    const baselineSeconds = await concurrently(registrations, CLIENTS, raw);
    await Promise.all(clients.map((client) => client.end()));
    const row = throughputRow('registration throughput, 8 clients', {
      registry: registrations / registrySeconds,
      baseline: registrations / baselineSeconds,
      unit: 'registrations',
      atLeast: 0.5,
      note: `${registrations} registrations each, ${perRegistration.total} statements per registration at contacts (relay polling included), 7 in the baseline's raw pg transaction`,
    });
    return { rows: [row], profilePath };
  } finally {
    await contacts.stop();
  }
}

if (isMain(import.meta.url)) await runAlone(registrationThroughput, { profiled: "contacts' CPU profile" });
