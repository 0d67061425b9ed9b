// For machines with a Docker engine (REGISTRY_INFRA=containers): PostgreSQL and Kafka as containers
// started by testcontainers, with the same images and settings as docker-compose.yml.
import { GenericContainer, Wait } from 'testcontainers';

export async function startContainers({ log }) {
  const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092);
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
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withExposedPorts({ container: 9092, host: kafkaPort })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return {
    postgresServerUrl: `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
    kafkaBrokers: `127.0.0.1:${kafkaPort}`,
    async stop() {
      await kafka.stop();
      await postgres.stop();
    },
  };
}
