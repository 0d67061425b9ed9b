// Apache Kafka for local runs and tests: KAFKA_BROKERS if given, else a single-node KRaft broker
// started by tools/kafka/broker.sh and stopped again by whoever started it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export async function ensureKafka({ repoRoot, log }) {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, source: 'KAFKA_BROKERS', stop: async () => undefined };
  const broker = join(repoRoot, 'tools', 'kafka', 'broker.sh');
  const port = process.env.KAFKA_PORT ?? '9092';
  const running = (() => {
    try {
      execFileSync('bash', [broker, 'status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!running) {
    log('starting Apache Kafka (single-node KRaft broker)');
    execFileSync('bash', [broker, 'start'], { stdio: 'inherit' });
  }
  return {
    brokers: `127.0.0.1:${port}`,
    source: running ? 'broker already running' : 'broker started for this run',
    stop: async () => {
      if (!running) execFileSync('bash', [broker, 'stop'], { stdio: 'inherit' });
    },
  };
}
