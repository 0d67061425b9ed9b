import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { companyTopic, companyTopicSpec, TOPIC_SPECS, Topics } from '@registry/contracts';
import { createKafka, createReliableProducer, ensureTopics } from '@registry/kafka';
import {
  bearer,
  createTestDatabase,
  eventually,
  kafkaSettingsAs,
  readWholeTopic,
  startInProcess,
  testBroker,
  testKafka,
  testSettings,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const harness = createKafka(testKafka('company-access-test'));
const admin = bearer('admin', 'GROUP-HD');

interface Credentials {
  username: string;
  password: string;
}

/** The broker's error code behind a kafkajs error, however kafkajs wrapped it. */
function errorType(error: unknown): string {
  const e = error as { type?: string; originalError?: unknown; cause?: unknown; name?: string; message?: string };
  return e.type ?? (e.originalError ? errorType(e.originalError) : e.cause ? errorType(e.cause) : String(e.name ?? e.message));
}

/** The error codes the broker answered a client with, as kafkajs logged them (it drops some, such as a refused coordinator lookup). */
const brokerAnswers = new Map<Kafka, string[]>();

/** A client of the test broker as a group company, with the credentials sharing issued to it. */
function asCompany({ username, password }: Credentials): Kafka {
  const answers: string[] = [];
  const kafka = new Kafka({
    clientId: username,
    brokers: testBroker().brokers,
    sasl: { mechanism: 'scram-sha-512', username, password },
    logLevel: logLevel.DEBUG,
    logCreator: () => (entry) => {
      const error = (entry.log as { error?: unknown }).error;
      if (error && typeof error === 'object') answers.push(errorType(error));
    },
    retry: { retries: 1, initialRetryTime: 100 },
    connectionTimeout: 3000,
  });
  brokerAnswers.set(kafka, answers);
  return kafka;
}

/**
 * Consumes `topic` from the beginning in `groupId`; resolves with the first message keyed `for-…` (the topic also
 * holds the contacts a joining company is given) or the error that stopped the consumer.
 */
async function firstMessage(kafka: Kafka, topic: string, groupId: string, timeoutMs = 20_000): Promise<{ key?: string; error?: string }> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ error: 'timeout' }), timeoutMs);
      const done = (outcome: { key?: string; error?: string }) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => done({ error: errorType(payload.error) }));
      (async () => {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const key = message.key?.toString() ?? '';
            if (key.startsWith('for-')) done({ key });
          },
        });
      })().catch((error: unknown) => done({ error: errorType(error) }));
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

async function produce(topic: string, key: string): Promise<void> {
  const producer = createReliableProducer(harness);
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ key }) }] });
  await producer.disconnect();
}

describe('group companies on the broker: each principal reaches its own topic only', () => {
  const companyA = `KA-${suffix}`;
  const companyB = `KB-${suffix}`;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const credentials: Record<string, Credentials> = {};

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string | null = admin, payload?: object) =>
    app.inject({ method, url, headers: token ? { authorization: token } : {}, ...(payload ? { payload } : {}) });
  const putCompany = (code: string, body: Record<string, unknown> = {}) =>
    request('PUT', `/companies/${code}`, admin, { legalName: `${code} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true, ...body });

  beforeAll(async () => {
    database = await createTestDatabase('company_access');
    // Sharing runs as its own two principals here, so the test also proves that their ACLs suffice.
    app = await startInProcess(
      createSharingApp,
      testSettings(SharingSettings, database.url, { ...kafkaSettingsAs(testBroker(), 'sharing'), KAFKA_CONSUMER_GROUP: `sharing-access-${suffix}` }),
    );
    await ensureTopics(harness, [companyTopicSpec(companyA), companyTopicSpec(companyB), TOPIC_SPECS.contact, TOPIC_SPECS.access]);
    for (const code of [companyA, companyB]) {
      expect((await putCompany(code)).statusCode).toBe(200);
      const issued = await request('POST', `/companies/${code}/kafka-credentials`);
      expect(issued.statusCode).toBe(201);
      credentials[code] = issued.json();
      await produce(companyTopic(code), `for-${code}`);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('issues credentials once, naming the topic and the consumer-group prefix, and keeps no password', async () => {
    expect(credentials[companyA]).toEqual(
      expect.objectContaining({
        username: `company.${companyA}`,
        saslMechanism: 'SCRAM-SHA-512',
        topic: companyTopic(companyA),
        consumerGroupPrefix: `company.${companyA}.`,
        bootstrapServers: testBroker().brokers,
      }),
    );
    expect(credentials[companyA]?.password).toMatch(/^[\w-]{40,}$/);
    const again = await request('POST', `/companies/${companyA}/kafka-credentials`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CREDENTIALS_ALREADY_ISSUED');

    const dataSource = app.get(DataSource);
    const everything = await dataSource.query(
      `SELECT (SELECT json_agg(c)::text FROM group_companies c) || (SELECT json_agg(h)::text FROM group_company_changes h) || (SELECT json_agg(o)::text FROM outbox o) AS dump`,
    );
    expect(everything[0].dump).not.toContain(credentials[companyA]?.password);
    const status = await request('GET', `/companies/${companyA}/kafka-credentials`);
    expect(status.json()).toEqual(expect.objectContaining({ state: 'ACTIVE', aclsGranted: true }));
    expect(JSON.stringify(status.json())).not.toContain(credentials[companyA]?.password);
  });

  it('lets only the administrator issue, rotate, revoke or look', async () => {
    for (const [method, path] of [
      ['POST', ''],
      ['POST', '/rotation'],
      ['DELETE', ''],
      ['GET', ''],
    ] as const) {
      const url = `/companies/${companyA}/kafka-credentials${path}`;
      expect((await request(method, url, null)).statusCode).toBe(401);
      expect((await request(method, url, bearer('company', companyA))).statusCode).toBe(403);
      expect((await request(method, url, bearer('sales', companyA))).statusCode).toBe(403);
    }
    expect((await request('POST', `/companies/not-a-code/kafka-credentials`)).statusCode).toBe(400);
    expect((await request('POST', `/companies/NOPE-${suffix}/kafka-credentials`)).statusCode).toBe(404);
  });

  it('lets a company read its own topic in its own consumer groups', async () => {
    const a = asCompany(credentials[companyA] as Credentials);
    expect(await firstMessage(a, companyTopic(companyA), `company.${companyA}.crm`)).toEqual({ key: `for-${companyA}` });
  });

  it('refuses a company the topic of another company, the contact topic and the access topic', async () => {
    const a = asCompany(credentials[companyA] as Credentials);
    for (const topic of [companyTopic(companyB), Topics.contact, Topics.access]) {
      expect(await firstMessage(a, topic, `company.${companyA}.probe-${topic}`)).toEqual({ error: 'TOPIC_AUTHORIZATION_FAILED' });
    }
  });

  it("refuses a company another company's consumer group, and groups outside its prefix", async () => {
    const a = asCompany(credentials[companyA] as Credentials);
    for (const group of [`company.${companyB}.crm`, `company.${companyA}`, 'sharing']) {
      brokerAnswers.get(a)?.splice(0);
      // kafkajs reports a refused coordinator lookup as "not found"; the broker's own answer is in its debug log.
      expect(await firstMessage(a, companyTopic(companyA), group)).toEqual({ error: 'KafkaJSGroupCoordinatorNotFound' });
      expect(brokerAnswers.get(a)).toContain('GROUP_AUTHORIZATION_FAILED');
    }
  });

  it('refuses a company writing, even to its own topic', async () => {
    const producer = asCompany(credentials[companyA] as Credentials).producer({ retry: { retries: 0 } });
    await producer.connect();
    await expect(producer.send({ topic: companyTopic(companyA), messages: [{ key: 'x', value: 'forged' }] })).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
    await producer.disconnect();
  });

  it('refuses a client without credentials or with a wrong password', async () => {
    const anonymous = new Kafka({ clientId: 'anonymous', brokers: testBroker().brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    expect((await firstMessage(anonymous, companyTopic(companyA), `company.${companyA}.x`, 8000)).error).toBeDefined();
    const wrong = asCompany({ username: `company.${companyA}`, password: 'not-the-password-of-anyone' });
    expect((await firstMessage(wrong, companyTopic(companyA), `company.${companyA}.x`, 8000)).error).toMatch(/SASL|authentication/i);
  });

  it('rotation replaces the password: the old one is refused, the new one reads', async () => {
    const rotated = await request('POST', `/companies/${companyB}/kafka-credentials/rotation`);
    expect(rotated.statusCode).toBe(201);
    const fresh: Credentials = rotated.json();
    expect(fresh.password).not.toBe(credentials[companyB]?.password);
    await eventually(async () => expect((await firstMessage(asCompany(fresh), companyTopic(companyB), `company.${companyB}.r`, 8000)).key).toBe(`for-${companyB}`));
    expect((await firstMessage(asCompany(credentials[companyB] as Credentials), companyTopic(companyB), `company.${companyB}.old`, 8000)).error).toMatch(
      /SASL|authentication/i,
    );
    credentials[companyB] = fresh;
  });

  it('takes the ACLs away at once when a company stops being eligible, and gives them back when it is again', async () => {
    const b = asCompany(credentials[companyB] as Credentials);
    expect((await putCompany(companyB, { country: 'US' })).statusCode).toBe(200);
    expect((await request('GET', `/companies/${companyB}/kafka-credentials`)).json()).toEqual(expect.objectContaining({ state: 'ACTIVE', aclsGranted: false }));
    expect(await firstMessage(b, companyTopic(companyB), `company.${companyB}.moved`)).toEqual({ error: 'TOPIC_AUTHORIZATION_FAILED' });
    expect((await request('POST', `/companies/${companyB}/kafka-credentials/rotation`)).json().code).toBe('COMPANY_NOT_ELIGIBLE');

    expect((await putCompany(companyB, { country: 'JP' })).statusCode).toBe(200);
    expect((await request('GET', `/companies/${companyB}/kafka-credentials`)).json().aclsGranted).toBe(true);
    expect(await firstMessage(b, companyTopic(companyB), `company.${companyB}.back`)).toEqual({ key: `for-${companyB}` });
  });

  it('refuses a revoked company on its next fetch, and keeps issuance and revocation in the register history for audit', async () => {
    const a = asCompany(credentials[companyA] as Credentials);
    const consumer = a.consumer({ groupId: `company.${companyA}.follower`, retry: { retries: 0 } });
    const seen: string[] = [];
    const crashed = new Promise<string>((resolve) => consumer.on(consumer.events.CRASH, ({ payload }) => resolve(errorType(payload.error))));
    await consumer.connect();
    await consumer.subscribe({ topic: companyTopic(companyA), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.key?.toString() ?? '') });
    await eventually(() => expect(seen).toContain(`for-${companyA}`));

    const revoked = await request('DELETE', `/companies/${companyA}/kafka-credentials`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual(expect.objectContaining({ state: 'REVOKED', aclsGranted: false }));
    // A fetch already waiting at the broker when the ACLs go may still return; the one after it is refused.
    expect(await crashed).toMatch(/AUTHORIZATION_FAILED/);
    await produce(companyTopic(companyA), `after-revocation-${companyA}`);
    expect(await firstMessage(a, companyTopic(companyA), `company.${companyA}.again`, 8000)).toEqual({ error: expect.stringMatching(/SASL|AUTHORIZATION_FAILED/) });
    expect(seen).not.toContain(`after-revocation-${companyA}`);
    await consumer.disconnect().catch(() => undefined);
    expect((await request('DELETE', `/companies/${companyA}/kafka-credentials`)).json().code).toBe('NO_ACTIVE_CREDENTIALS');

    const history = (await request('GET', `/companies/${companyA}/history`)).json() as { change: string; changedBy: string; after: { kafkaCredentials: string } }[];
    expect(history.map((h) => [h.change, h.after.kafkaCredentials])).toEqual([
      ['ENTRY', 'NONE'],
      ['KAFKA_CREDENTIALS_ISSUED', 'ACTIVE'],
      ['KAFKA_CREDENTIALS_REVOKED', 'REVOKED'],
    ]);
    expect(history[2]?.changedBy).toBe('admin-group-hd');
    await eventually(async () => {
      const announced = (await readWholeTopic(harness, Topics.companyRegister)).filter((m) => m.key === companyA).map((m) => JSON.parse(m.value ?? '{}'));
      expect(announced.map((e) => [e.change, e.kafkaCredentials])).toEqual([
        ['ENTRY', 'NONE'],
        ['KAFKA_CREDENTIALS_ISSUED', 'ACTIVE'],
        ['KAFKA_CREDENTIALS_REVOKED', 'REVOKED'],
      ]);
    });
  });
});
