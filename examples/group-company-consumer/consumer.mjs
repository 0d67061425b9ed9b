#!/usr/bin/env node
// An example a group company can copy: follow your company's topic and keep your own copy of the
// jointly used contacts current. A value is the contact's whole shared state (upsert); a null value is a
// withdrawal: delete your copy. Offsets are committed only after your copy is written, so a crash
// re-delivers rather than loses, and older versions never overwrite newer ones.
//
//   KAFKA_BROKERS=127.0.0.1:9092 COMPANY_CODE=EVENTS-JP node examples/group-company-consumer/consumer.mjs ./contacts.json
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

/** A local copy kept in a JSON file, replaced atomically on each write. Use your own database instead. */
export class JsonFileStore {
  constructor(path) {
    this.path = path;
    this.contacts = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  }

  apply(contactId, state) {
    if (state === null) {
      delete this.contacts[contactId];
    } else {
      const held = this.contacts[contactId];
      if (held && held.version >= state.version) return false;
      this.contacts[contactId] = { version: state.version, ...state.items };
    }
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.contacts, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
    return true;
  }
}

/** Follows `sharing.company.<code>.v1` until `signal` aborts. */
export async function follow({ brokers, companyCode, store, groupId = `${companyCode}-copy`, signal, onChange = () => undefined }) {
  const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic: `sharing.company.${companyCode}.v1`, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const contactId = message.key.toString();
      const state = message.value === null ? null : JSON.parse(message.value.toString());
      store.apply(contactId, state);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      onChange(contactId, state);
    },
  });
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await consumer.disconnect();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const companyCode = process.env.COMPANY_CODE;
  if (!companyCode) {
    console.error('COMPANY_CODE is required, e.g. COMPANY_CODE=EVENTS-JP');
    process.exit(2);
  }
  const store = new JsonFileStore(process.argv[2] ?? `./${companyCode}-contacts.json`);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  console.log(`following sharing.company.${companyCode}.v1 into ${store.path}; Ctrl-C to stop`);
  await follow({
    brokers,
    companyCode,
    store,
    signal: stop.signal,
    onChange: (contactId, state) => console.log(state === null ? `withdrawn ${contactId}: copy deleted` : `upserted ${contactId} (version ${state.version})`),
  });
}
