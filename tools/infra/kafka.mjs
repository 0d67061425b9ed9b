// Apache Kafka for local runs and tests: KAFKA_BROKERS (with KAFKA_CREDENTIALS_FILE) if given, else a
// single-node KRaft broker (or, with KAFKA_CLUSTER_SIZE=N, a cluster of N nodes) started by tools/kafka/broker.sh
// and stopped again by whoever started it.
// Either way clients authenticate with SASL/SCRAM-SHA-512; the credentials file names each principal's password.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function ensureKafka({ repoRoot, log }) {
  if (process.env.KAFKA_BROKERS) {
    if (!process.env.KAFKA_CREDENTIALS_FILE) throw new Error('KAFKA_BROKERS is set but KAFKA_CREDENTIALS_FILE is not: name the file of the broker principals\' passwords');
    return { brokers: process.env.KAFKA_BROKERS, credentialsFile: process.env.KAFKA_CREDENTIALS_FILE, source: 'KAFKA_BROKERS', stop: async () => undefined };
  }
  const broker = join(repoRoot, 'tools', 'kafka', 'broker.sh');
  const port = Number(process.env.KAFKA_PORT ?? '9092');
  const size = Number(process.env.KAFKA_CLUSTER_SIZE ?? '1');
  const dataDir = process.env.KAFKA_DATA_DIR ?? join(repoRoot, '.data', size > 1 ? 'kafka-cluster' : 'kafka');
  if (size > 1) {
    // The services' topics replicate like the brokers' own: 3 replicas (at most N), 2 of them in sync.
    const replicas = Math.min(size, 3);
    process.env.KAFKA_REPLICATION_FACTOR ??= String(replicas);
    process.env.KAFKA_MIN_INSYNC_REPLICAS ??= String(replicas - 1);
  }
  const running = (() => {
    try {
      execFileSync('bash', [broker, 'status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!running) {
    log(size > 1 ? `starting Apache Kafka (KRaft cluster of ${size} nodes, SASL/SCRAM-SHA-512)` : 'starting Apache Kafka (single-node KRaft broker, SASL/SCRAM-SHA-512)');
    execFileSync('bash', [broker, 'start'], { stdio: 'inherit' });
  } else {
    // A broker left running from an earlier start still gets any principal or ACL added since.
    execFileSync('bash', [broker, 'provision'], { stdio: 'inherit' });
  }
  return {
    brokers: Array.from({ length: size }, (_, i) => `127.0.0.1:${port + i}`).join(','),
    credentialsFile: process.env.KAFKA_CREDENTIALS_FILE ?? join(dataDir, 'credentials.properties'),
    source: running ? 'broker already running' : 'broker started for this run',
    stop: async () => {
      if (!running) execFileSync('bash', [broker, 'stop'], { stdio: 'inherit' });
    },
  };
}

/** The password of one principal in a broker's credentials file. */
export function kafkaPassword(credentialsFile, principal) {
  const line = readFileSync(credentialsFile, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${principal}=`));
  if (!line) throw new Error(`${credentialsFile} has no password for ${principal}`);
  return line.slice(principal.length + 1).trim();
}

/** kafkajs SASL options for the broker's super user: the benchmarks' and tools' own clients. */
export function adminSasl({ kafkaCredentialsFile }) {
  return { mechanism: 'scram-sha-512', username: 'admin', password: kafkaPassword(kafkaCredentialsFile, 'admin') };
}

/** The KAFKA_* settings of a process that connects as `principal`; sharing also gets its credentials principal. */
export function kafkaSettingsAs(brokers, credentialsFile, principal) {
  return {
    KAFKA_BROKERS: brokers,
    KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_USERNAME: principal,
    KAFKA_PASSWORD: kafkaPassword(credentialsFile, principal),
    ...(principal === 'sharing'
      ? { KAFKA_CREDENTIALS_ADMIN_USERNAME: 'sharing-credentials', KAFKA_CREDENTIALS_ADMIN_PASSWORD: kafkaPassword(credentialsFile, 'sharing-credentials') }
      : {}),
  };
}
