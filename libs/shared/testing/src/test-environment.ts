import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { kafkaConnectionAs, type BrokerAccess, type KafkaConnection } from './broker-access';

/** Where the real PostgreSQL server and Kafka broker of this test run are (set by tools/infra's Jest global setup). */
export function testInfrastructure(): { postgresServerUrl: string; kafkaBrokers: string[]; kafkaCredentialsFile: string } {
  const postgresServerUrl = process.env['REGISTRY_PG_SERVER_URL'];
  const brokers = process.env['KAFKA_BROKERS'];
  const kafkaCredentialsFile = process.env['KAFKA_CREDENTIALS_FILE'];
  if (!postgresServerUrl || !brokers || !kafkaCredentialsFile) {
    throw new Error(
      'REGISTRY_PG_SERVER_URL, KAFKA_BROKERS and KAFKA_CREDENTIALS_FILE are not set: run tests through `npm test` or an Nx integration target',
    );
  }
  return { postgresServerUrl, kafkaBrokers: brokers.split(','), kafkaCredentialsFile };
}

/** The test run's broker. */
export function testBroker(): BrokerAccess {
  const { kafkaBrokers, kafkaCredentialsFile } = testInfrastructure();
  return { brokers: kafkaBrokers, credentialsFile: kafkaCredentialsFile };
}

/** A client of the test run's broker as `principal` (the super user unless named: the harness's own view). */
export function testKafka(clientId: string, principal = 'admin'): KafkaConnection {
  return kafkaConnectionAs(testBroker(), principal, clientId);
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testInfrastructure().postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of its own for one test file, so that tests share no data. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `t_${prefix.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await withServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testInfrastructure().postgresServerUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A unique suffix for topics, consumer groups and company codes used by one test. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}
