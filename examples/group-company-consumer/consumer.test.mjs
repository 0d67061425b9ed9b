import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { follow, JsonFileStore } from './consumer.mjs';

test('JsonFileStore keeps the newest version and deletes a withdrawn contact', () => {
  const store = new JsonFileStore(join(mkdtempSync(join(tmpdir(), 'copy-')), 'contacts.json'));
  assert.equal(store.apply('c1', { version: 2, items: { organizationName: 'New' } }), true);
  assert.equal(store.apply('c1', { version: 1, items: { organizationName: 'Old' } }), false);
  assert.equal(JSON.parse(readFileSync(store.path, 'utf8')).c1.organizationName, 'New');
  store.apply('c1', null);
  assert.deepEqual(JSON.parse(readFileSync(store.path, 'utf8')), {});
});

// Runs against the broker of the test run (KAFKA_BROKERS), as `npm test` provides it.
test('follows a company topic: upserts, then a withdrawal deletes the copy', { skip: !process.env.KAFKA_BROKERS, timeout: 60_000 }, async () => {
  const brokers = process.env.KAFKA_BROKERS.split(',');
  const companyCode = `EXAMPLE-${randomUUID().slice(0, 8).toUpperCase()}`;
  const topic = `sharing.company.${companyCode}.v1`;
  const kafka = new Kafka({ clientId: 'example-test', brokers, logLevel: logLevel.NOTHING });
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
  await follow({ brokers, companyCode, store, signal: stop.signal, onChange: () => (seen += 1) === 3 && stop.abort() });
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(store.path, 'utf8'))), ['c2']);
});
