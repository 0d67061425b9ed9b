// Apache Kafka for local runs and tests: KAFKA_BROKERS (with KAFKA_CREDENTIALS_FILE) if given, else a
// single-node KRaft broker started by tools/kafka/broker.sh and stopped again by whoever started it.
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
  const port = process.env.KAFKA_PORT ?? '9092';
  const dataDir = process.env.KAFKA_DATA_DIR ?? join(repoRoot, '.data', 'kafka');
  const running = (() => {
    try {
      execFileSync('bash', [broker, 'status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!running) {
    log('starting Apache Kafka (single-node KRaft broker, SASL/SCRAM-SHA-512)');
    execFileSync('bash', [broker, 'start'], { stdio: 'inherit' });
  } else {
    // A broker left running from an earlier start still gets any principal or ACL added since.
    execFileSync('bash', [broker, 'provision'], { stdio: 'inherit' });
  }
  return {
    brokers: `127.0.0.1:${port}`,
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
