// Brings up what the services need (PostgreSQL and Kafka) and says where they are.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKafka } from './kafka.mjs';
import { createDatabaseIfMissing, databaseUrl, ensurePostgres } from './postgres.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVICES = {
  contacts: { port: 3001, database: 'registry_contacts' },
  sharing: { port: 3002, database: 'registry_sharing' },
  audit: { port: 3003, database: 'registry_audit' },
};

function describe(serverUrl, kafkaBrokers, kafkaCredentialsFile, stop) {
  return {
    postgresServerUrl: serverUrl,
    kafkaBrokers,
    kafkaCredentialsFile,
    databaseUrl: (name) => databaseUrl(serverUrl, name),
    createDatabase: (name) => createDatabaseIfMissing(serverUrl, name),
    stop,
  };
}

/**
 * PostgreSQL and Kafka as plain processes (the default, and what CI proves), or, with
 * REGISTRY_INFRA=containers on a machine with Docker, as containers.
 */
export async function startInfrastructure({ log = (line) => console.log(line) } = {}) {
  if (process.env.REGISTRY_INFRA === 'containers') {
    const { startContainers } = await import('./containers.mjs');
    const containers = await startContainers({ log, repoRoot });
    log(`postgres and kafka: containers (${containers.kafkaBrokers})`);
    return describe(containers.postgresServerUrl, containers.kafkaBrokers, containers.kafkaCredentialsFile, () => containers.stop());
  }
  const postgres = await ensurePostgres({ repoRoot, log });
  log(`postgres: ${postgres.source}`);
  let kafka;
  try {
    kafka = await ensureKafka({ repoRoot, log });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  log(`kafka: ${kafka.brokers} (${kafka.source})`);
  return describe(postgres.serverUrl, kafka.brokers, kafka.credentialsFile, async () => {
    await kafka.stop().catch((error) => log(`kafka stop failed: ${error.message}`));
    await postgres.stop().catch((error) => log(`postgres stop failed: ${error.message}`));
  });
}
