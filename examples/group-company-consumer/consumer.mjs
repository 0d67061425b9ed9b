#!/usr/bin/env node
// An example a group company can copy: follow your company's topic and keep your own copy of the
// jointly used contacts current. A value is the contact's whole shared state (upsert); a null value is a
// withdrawal: delete your copy. Offsets are committed only after your copy is written, so a crash
// re-delivers rather than loses, and older versions never overwrite newer ones.
//
// It connects with the credentials the administrator issued to your company (POST /companies/{code}/kafka-credentials):
//
//   KAFKA_BROKERS=127.0.0.1:9092 COMPANY_CODE=EVENTS-JP KAFKA_PASSWORD=<the password shown once> \
//     node examples/group-company-consumer/consumer.mjs ./contacts.json
//
// Settings: KAFKA_BROKERS, COMPANY_CODE, KAFKA_PASSWORD (required); KAFKA_USERNAME (company.<CODE>),
// KAFKA_SECURITY_PROTOCOL (SASL_PLAINTEXT, or SASL_SSL), KAFKA_SASL_MECHANISM (scram-sha-512),
// KAFKA_TLS_CA_FILE (a PEM file to trust for SASL_SSL), KAFKA_CONSUMER_GROUP (company.<CODE>.copy: your groups
// must start with company.<CODE>.).
import { accessSync, constants, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Reads and checks the connection settings; throws one error naming every missing or bad setting. */
export function settingsFromEnv(env) {
  const problems = [];
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[\w.-]+:\d{1,5}$/.test(b))) problems.push('KAFKA_BROKERS must be host:port[,host:port...]');
  const companyCode = env.COMPANY_CODE ?? '';
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(companyCode)) problems.push('COMPANY_CODE must be your company code in upper case, e.g. EVENTS-JP');
  const protocol = env.KAFKA_SECURITY_PROTOCOL ?? 'SASL_PLAINTEXT';
  if (!['SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) problems.push('KAFKA_SECURITY_PROTOCOL must be SASL_PLAINTEXT or SASL_SSL');
  const mechanism = env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512';
  if (!['scram-sha-512', 'scram-sha-256'].includes(mechanism)) problems.push('KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256');
  const username = env.KAFKA_USERNAME ?? `company.${companyCode}`;
  const password = env.KAFKA_PASSWORD ?? '';
  if (password === '') problems.push('KAFKA_PASSWORD is required: the password the administrator issued to your company');
  const caFile = env.KAFKA_TLS_CA_FILE;
  if (caFile !== undefined) {
    try {
      accessSync(caFile, constants.R_OK);
    } catch {
      problems.push(`KAFKA_TLS_CA_FILE must name a readable PEM file (${caFile})`);
    }
  }
  const groupId = env.KAFKA_CONSUMER_GROUP ?? `company.${companyCode}.copy`;
  if (!groupId.startsWith(`company.${companyCode}.`)) problems.push(`KAFKA_CONSUMER_GROUP must start with company.${companyCode}. (the broker refuses other groups)`);
  if (problems.length > 0) throw new Error(`cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    brokers,
    companyCode,
    groupId,
    sasl: { mechanism, username, password },
    ssl: protocol === 'SASL_SSL' ? (caFile ? { ca: [readFileSync(caFile, 'utf8')] } : true) : false,
  };
}

/** Follows `sharing.company.<code>.v1` until `signal` aborts. */
export async function follow({ brokers, sasl, ssl = false, companyCode, store, groupId = `company.${companyCode}.copy`, signal, onChange = () => undefined }) {
  const kafka = new Kafka({ clientId: groupId, brokers, sasl, ssl, logLevel: logLevel.WARN });
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
  let settings;
  try {
    settings = settingsFromEnv(process.env);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const { companyCode } = settings;
  const store = new JsonFileStore(process.argv[2] ?? `./${companyCode}-contacts.json`);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  console.log(`following sharing.company.${companyCode}.v1 into ${store.path}; Ctrl-C to stop`);
  await follow({
    ...settings,
    store,
    signal: stop.signal,
    onChange: (contactId, state) => console.log(state === null ? `withdrawn ${contactId}: copy deleted` : `upserted ${contactId} (version ${state.version})`),
  });
}
