import { brokerPassword, createPrivateBroker, eventually, kafkaConnectionAs, testKafka, uniqueSuffix, type PrivateBroker } from '@registry/testing';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Topics } from '@registry/contracts';
import { createKafka, deleteScramUser, upsertScramUser } from '../src';

const quiet: Partial<KafkaConfig> = { logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3000 };

/** The broker's error code behind a kafkajs error, however kafkajs wrapped it. */
function errorType(error: unknown): string {
  const e = error as { type?: string; originalError?: unknown; cause?: unknown; name?: string };
  return e.type ?? (e.originalError ? errorType(e.originalError) : e.cause ? errorType(e.cause) : String(e.name));
}

/** Lists topics as a client with the given options; resolves to the error it gets, or null. */
async function tryListTopics(config: KafkaConfig): Promise<Error | null> {
  const admin = new Kafka({ ...quiet, ...config }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describe('the broker admits only authenticated principals', () => {
  const admin = testKafka('broker-security-test');

  it('refuses a client without credentials', async () => {
    const error = await tryListTopics({ clientId: 'anonymous', brokers: admin.brokers });
    expect(error).not.toBeNull();
  });

  it('refuses a wrong password', async () => {
    const error = await tryListTopics({
      clientId: 'wrong-password',
      brokers: admin.brokers,
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: 'not-the-password-at-all' },
    });
    expect(error?.message).toMatch(/SASL SCRAM SHA512 authentication failed|authentication/i);
  });

  it('admits a SCRAM user once it is set, and no longer once it is deleted', async () => {
    const kafka = createKafka(admin);
    const user = `probe-${uniqueSuffix().toLowerCase()}`;
    const password = randomBytes(24).toString('base64url');
    // A fresh options object each time: kafkajs keeps its authenticator on the sasl object it was given.
    const asUser = (secret: string): KafkaConfig => ({ clientId: user, brokers: admin.brokers, sasl: { mechanism: 'scram-sha-512', username: user, password: secret } });

    await upsertScramUser(kafka, user, password);
    await eventually(async () => expect(await tryListTopics(asUser(password))).toBeNull());

    await upsertScramUser(kafka, user, `${password}-rotated`);
    await eventually(async () => expect(await tryListTopics(asUser(`${password}-rotated`))).toBeNull());
    expect(await tryListTopics(asUser(password))).not.toBeNull();

    await deleteScramUser(kafka, user);
    await eventually(async () => expect(await tryListTopics(asUser(`${password}-rotated`))).not.toBeNull());
    await expect(deleteScramUser(kafka, user)).resolves.toBeUndefined();
  });

  it('lets only a principal with ALTER on the cluster change SCRAM users', async () => {
    const user = `probe-${uniqueSuffix().toLowerCase()}`;
    const password = randomBytes(24).toString('base64url');
    await upsertScramUser(createKafka(admin), user, password);
    const asUser = createKafka({ ...admin, clientId: user, security: { ...admin.security, username: user, password } });
    await eventually(async () => expect(await tryListTopics({ clientId: user, brokers: admin.brokers, sasl: { mechanism: 'scram-sha-512', username: user, password } })).toBeNull());
    await expect(upsertScramUser(asUser, 'someone-else', 'a-password-of-some-length')).rejects.toThrow(/error 31/);
  });

  describe('each service principal reaches only the topics service-acls.txt gives it', () => {
    /** Reads one message of `topic` as `principal`, in a consumer group under the principal's own prefix. */
    async function readAs(principal: string, topic: string): Promise<string> {
      const consumer = createKafka(testKafka(`${principal}-probe`, principal)).consumer({ groupId: `${principal}-probe-${uniqueSuffix()}`, retry: { retries: 0 } });
      try {
        return await new Promise<string>((resolve) => {
          consumer.on(consumer.events.CRASH, ({ payload }) => resolve(errorType(payload.error)));
          consumer
            .connect()
            .then(() => consumer.subscribe({ topic, fromBeginning: true }))
            .then(() => consumer.run({ eachMessage: async () => resolve('READ') }))
            .catch((error: unknown) => resolve(errorType(error)));
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    }

    async function writeAs(principal: string, topic: string): Promise<string> {
      const producer = createKafka(testKafka(`${principal}-probe`, principal)).producer({ retry: { retries: 0 }, allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({ topic, messages: [{ key: 'probe', value: null }] });
        return 'WRITTEN';
      } catch (error) {
        return errorType(error);
      } finally {
        await producer.disconnect();
      }
    }

    beforeAll(async () => {
      const producer = createKafka(admin).producer();
      await producer.connect();
      for (const topic of [Topics.contact, Topics.access, Topics.alert]) await producer.send({ topic, messages: [{ key: 'probe', value: null }] });
      await producer.disconnect();
    });

    it('refuses contacts every topic but its own and the register', async () => {
      expect(await readAs('contacts', Topics.access)).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await writeAs('contacts', Topics.access)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('refuses sharing the alert topic and writing the contact topic', async () => {
      expect(await readAs('sharing', Topics.alert)).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await writeAs('sharing', Topics.contact)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('refuses audit the contact topic', async () => {
      expect(await readAs('audit', Topics.contact)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('refuses sharing-credentials every topic', async () => {
      expect(await writeAs('sharing-credentials', Topics.access)).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    it('lets a service read the topic it consumes', async () => {
      expect(await readAs('audit', Topics.access)).toBe('READ');
    });
  });

  describe('over TLS', () => {
    let broker: PrivateBroker;

    beforeAll(async () => {
      broker = await createPrivateBroker({ tls: true });
      broker.start();
    }, 120_000);

    afterAll(() => broker?.destroy());

    it('admits SASL_SSL with the broker certificate trusted, and refuses a client that does not trust it', async () => {
      const tls = broker.tls as { brokers: string[]; caFile: string };
      const connection = { ...kafkaConnectionAs(broker, 'admin', 'tls-test'), brokers: tls.brokers };
      const overTls = createKafka({ ...connection, security: { ...connection.security, protocol: 'SASL_SSL', tlsCaFile: tls.caFile } }, quiet);
      const admin = overTls.admin();
      await admin.connect();
      await expect(admin.listTopics()).resolves.toEqual(expect.any(Array));
      await admin.disconnect();

      const untrusting = await tryListTopics({ clientId: 'untrusting', brokers: tls.brokers, ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'admin', password: brokerPassword(broker, 'admin') } });
      expect(untrusting).not.toBeNull();
      const plainOnTls = await tryListTopics({ clientId: 'plain', brokers: tls.brokers, sasl: { mechanism: 'scram-sha-512', username: 'admin', password: brokerPassword(broker, 'admin') } });
      expect(plainOnTls).not.toBeNull();
    });
  });
});
