import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { follow, JsonFileStore, settingsFromEnv } from './consumer.mjs';

test('JsonFileStore keeps the newest version and deletes a withdrawn contact', () => {
  const store = new JsonFileStore(join(mkdtempSync(join(tmpdir(), 'copy-')), 'contacts.json'));
  assert.equal(store.apply('c1', { version: 2, items: { organizationName: 'New' } }), true);
  assert.equal(store.apply('c1', { version: 1, items: { organizationName: 'Old' } }), false);
  assert.equal(JSON.parse(readFileSync(store.path, 'utf8')).c1.organizationName, 'New');
  store.apply('c1', null);
  assert.deepEqual(JSON.parse(readFileSync(store.path, 'utf8')), {});
});

test('reads its settings from the environment, naming every missing or bad one', () => {
  assert.throws(() => settingsFromEnv({ KAFKA_BROKERS: 'nohost', COMPANY_CODE: 'events-jp', KAFKA_CONSUMER_GROUP: 'mine' }), (error) => {
    for (const name of ['KAFKA_BROKERS', 'COMPANY_CODE', 'KAFKA_PASSWORD', 'KAFKA_CONSUMER_GROUP']) assert.match(error.message, new RegExp(name));
    return true;
  });
  const settings = settingsFromEnv({ KAFKA_BROKERS: '127.0.0.1:9092', COMPANY_CODE: 'EVENTS-JP', KAFKA_PASSWORD: 'issued' });
  assert.deepEqual(settings.sasl, { mechanism: 'scram-sha-512', username: 'company.EVENTS-JP', password: 'issued' });
  assert.equal(settings.groupId, 'company.EVENTS-JP.copy');
  assert.equal(settings.ssl, false);
});

/** The super user's password from the test broker's credentials file (the company principal is tested in sharing). */
function adminSasl() {
  const line = readFileSync(process.env.KAFKA_CREDENTIALS_FILE, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('admin='));
  return { mechanism: 'scram-sha-512', username: 'admin', password: line.slice('admin='.length).trim() };
}

// Runs against the broker of the test run (KAFKA_BROKERS, KAFKA_CREDENTIALS_FILE), as `npm test` provides it.
test('follows a company topic: upserts, then a withdrawal deletes the copy', { skip: !process.env.KAFKA_BROKERS, timeout: 60_000 }, async () => {
  const brokers = process.env.KAFKA_BROKERS.split(',');
  const sasl = adminSasl();
  const companyCode = `EXAMPLE-${randomUUID().slice(0, 8).toUpperCase()}`;
  const topic = `sharing.company.${companyCode}.v1`;
  const kafka = new Kafka({ clientId: 'example-test', brokers, sasl, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { key: 'c1', value: JSON.stringify({ eventType: 'SharedContactUpserted', contactId: 'c1', version: 1, items: { organizationName: 'A' } }) },
      { key: 'c2', value: JSON.stringify({ eventType: 'SharedContactUpserted', contactId: 'c2', version: 1, items: { organizationName: 'B' } }) },
      { key: 'c1', value: null },
    ],
  });
  await producer.disconnect();

  const store = new JsonFileStore(join(mkdtempSync(join(tmpdir(), 'copy-')), 'contacts.json'));
  const stop = new AbortController();
  let seen = 0;
  await follow({ brokers, sasl, companyCode, store, signal: stop.signal, onChange: () => (seen += 1) === 3 && stop.abort() });
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(store.path, 'utf8'))), ['c2']);
});
