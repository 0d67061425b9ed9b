import { eventually, testKafka, uniqueSuffix } from '@registry/testing';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { createKafka, deleteScramUser, upsertScramUser } from '../src';

const quiet: Partial<KafkaConfig> = { logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3000 };

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
    const asUser = { clientId: user, brokers: admin.brokers, sasl: { mechanism: 'scram-sha-512' as const, username: user, password } };

    await upsertScramUser(kafka, user, password);
    await eventually(async () => expect(await tryListTopics(asUser)).toBeNull());

    await upsertScramUser(kafka, user, `${password}-rotated`);
    await eventually(async () => expect(await tryListTopics(asUser)).not.toBeNull());
    await eventually(async () => expect(await tryListTopics({ ...asUser, sasl: { ...asUser.sasl, password: `${password}-rotated` } })).toBeNull());
    expect(await tryListTopics(asUser)).not.toBeNull();

    await deleteScramUser(kafka, user);
    await eventually(async () => expect(await tryListTopics({ ...asUser, sasl: { ...asUser.sasl, password: `${password}-rotated` } })).not.toBeNull());
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
});
