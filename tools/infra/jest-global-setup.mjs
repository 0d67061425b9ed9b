// Jest global setup for integration and end-to-end tests: uses the PostgreSQL and Kafka that the
// caller names (REGISTRY_PG_SERVER_URL, KAFKA_BROKERS, KAFKA_CREDENTIALS_FILE), or brings them up for this run.
import { startInfrastructure } from './infrastructure.mjs';

export default async function globalSetup() {
  if (process.env.REGISTRY_PG_SERVER_URL && process.env.KAFKA_BROKERS && process.env.KAFKA_CREDENTIALS_FILE) return;
  const infra = await startInfrastructure({ log: (line) => console.log(`[infra] ${line}`) });
  process.env.REGISTRY_PG_SERVER_URL = infra.postgresServerUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.KAFKA_CREDENTIALS_FILE = infra.kafkaCredentialsFile;
  globalThis.__registryInfrastructure = infra;
}
