import { Logger } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type KafkaConfig, type Producer } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
}

const LEVEL_NAMES: Record<number, 'warn' | 'log' | 'debug'> = {
  // kafkajs reports every failed connection attempt as an error; the callers decide what is an error for the service.
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};
const REPEAT_QUIET_MS = 30_000;

/** A kafkajs client whose log lines go through the service's logger, each distinct message at most every 30 s. */
export function createKafka(connection: KafkaConnection, overrides: Partial<KafkaConfig> = {}): Kafka {
  const logger = new Logger('kafkajs');
  const lastLogged = new Map<string, number>();
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...extra } = log;
        const now = Date.now();
        if (now - (lastLogged.get(message) ?? 0) < REPEAT_QUIET_MS) return;
        lastLogged.set(message, now);
        logger[LEVEL_NAMES[level] ?? 'log']({ msg: message, ...extra });
      },
    ...overrides,
  });
}

/**
 * A producer that keeps each key's order and writes each message once per send: idempotent, acks from all replicas.
 * Its retries are bounded (kafkajs warns that this may invalidate exactly-once) so that a send to an absent broker
 * fails and the caller can back off; a message resent after such a failure is deduplicated by its event id.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
