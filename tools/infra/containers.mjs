// For machines with a Docker engine (REGISTRY_INFRA=containers): PostgreSQL and Kafka as containers
// started by testcontainers, with the same images and settings as docker-compose.yml.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GenericContainer, Wait } from 'testcontainers';

export async function startContainers({ log, repoRoot }) {
  const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092);
  // The super user signs in with PLAIN, configured in the broker; broker.sh provision then sets every service
  // principal's SCRAM password, generated into this run's credentials file, and the ACLs of service-acls.txt.
  const credentialsDir = join(repoRoot, '.data', 'kafka-containers');
  const credentialsFile = join(credentialsDir, 'credentials.properties');
  const adminPassword = randomBytes(24).toString('hex');
  mkdirSync(credentialsDir, { recursive: true });
  writeFileSync(credentialsFile, `admin=${adminPassword}\n`, { mode: 0o600 });
  const plainAdmin = `org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${adminPassword}" user_admin="${adminPassword}";`;
  log('starting PostgreSQL and Kafka containers (testcontainers)');
  const postgres = await new GenericContainer('postgres:17')
    .withEnvironment({ POSTGRES_USER: 'postgres', POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  // Kafka advertises the address clients must use, so its host port is fixed rather than random.
  const kafka = await new GenericContainer('apache/kafka:4.4.0')
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'CLIENT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: `CLIENT://127.0.0.1:${kafkaPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'CLIENT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_SASL_ENABLED_MECHANISMS: 'SCRAM-SHA-512,PLAIN',
      KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL: 'PLAIN',
      KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL: 'PLAIN',
      KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS: 'PLAIN',
      KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG: plainAdmin,
      KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG: plainAdmin,
      'KAFKA_LISTENER_NAME_CLIENT_SCRAM-SHA-512_SASL_JAAS_CONFIG': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
      KAFKA_SUPER_USERS: 'User:admin',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withExposedPorts({ container: 9092, host: kafkaPort })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  execFileSync('bash', [join(repoRoot, 'tools', 'kafka', 'broker.sh'), 'provision'], {
    stdio: 'inherit',
    env: { ...process.env, KAFKA_PROVISION_BOOTSTRAP: `127.0.0.1:${kafkaPort}`, KAFKA_ADMIN_SASL_MECHANISM: 'PLAIN', KAFKA_CREDENTIALS_FILE: credentialsFile },
  });
  return {
    postgresServerUrl: `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
    kafkaBrokers: `127.0.0.1:${kafkaPort}`,
    kafkaCredentialsFile: credentialsFile,
    async stop() {
      await kafka.stop();
      await postgres.stop();
    },
  };
}
