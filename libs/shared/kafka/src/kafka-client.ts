import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type KafkaConfig,
  type Message,
  type PartitionMetadata,
  type Producer,
  type ProducerBatch,
  type ProducerRecord,
  type RecordMetadata,
  type SASLOptions,
} from 'kafkajs';
import type { TopicReplication } from './ensure-topics';

export type KafkaSecurityProtocol = 'SASL_PLAINTEXT' | 'SASL_SSL' | 'SSL' | 'PLAINTEXT';
export type KafkaSaslMechanism = 'scram-sha-512' | 'scram-sha-256' | 'plain';

/** How a client authenticates to the brokers and whether it speaks TLS: the KAFKA_* security settings. */
export interface KafkaSecurity {
  protocol: KafkaSecurityProtocol;
  mechanism?: KafkaSaslMechanism;
  username?: string;
  password?: string;
  /** PEM file of the certificate authorities to trust; the system's when absent. */
  tlsCaFile?: string;
}

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  security: KafkaSecurity;
  /** Replication of the topics this client creates; the broker's defaults when absent. */
  replication?: TopicReplication;
}

/** The settings every service (and every tool) reads for its Kafka client. */
export interface KafkaClientSettings {
  KAFKA_BROKERS: string[];
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol;
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism;
  KAFKA_USERNAME?: string;
  KAFKA_PASSWORD?: string;
  KAFKA_TLS_CA_FILE?: string;
  KAFKA_REPLICATION_FACTOR?: number;
  KAFKA_MIN_INSYNC_REPLICAS?: number;
}

export function kafkaConnectionFrom(settings: KafkaClientSettings, clientId: string): KafkaConnection {
  return {
    brokers: settings.KAFKA_BROKERS,
    clientId,
    security: {
      protocol: settings.KAFKA_SECURITY_PROTOCOL,
      mechanism: settings.KAFKA_SASL_MECHANISM,
      username: settings.KAFKA_USERNAME,
      password: settings.KAFKA_PASSWORD,
      tlsCaFile: settings.KAFKA_TLS_CA_FILE,
    },
    ...(settings.KAFKA_REPLICATION_FACTOR !== undefined
      ? { replication: { replicationFactor: settings.KAFKA_REPLICATION_FACTOR, minInsyncReplicas: settings.KAFKA_MIN_INSYNC_REPLICAS ?? 1 } }
      : {}),
  };
}

/** The kafkajs options for a security setting: SASL credentials and TLS. */
export function kafkaSecurityOptions(security: KafkaSecurity): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const tls = security.protocol === 'SASL_SSL' || security.protocol === 'SSL';
  const sasl = security.protocol === 'SASL_SSL' || security.protocol === 'SASL_PLAINTEXT';
  if (sasl && (!security.username || !security.password)) throw new Error(`Kafka ${security.protocol} needs a username and a password`);
  return {
    ssl: tls ? (security.tlsCaFile ? { ca: [readFileSync(security.tlsCaFile, 'utf8')] } : true) : false,
    sasl: sasl
      ? ({ mechanism: security.mechanism ?? 'scram-sha-512', username: security.username, password: security.password } as SASLOptions)
      : undefined,
  };
}

const LEVEL_NAMES: Record<number, 'warn' | 'log' | 'debug'> = {
  // kafkajs reports every failed connection attempt as an error; the callers decide what is an error for the service.
  [logLevel.ERROR]: 'warn',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};
const REPEAT_QUIET_MS = 30_000;

/** Each client's connection, so that a failure can be looked into with a client of the same identity. */
const connectionsOf = new WeakMap<Kafka, KafkaConnection>();

/** A kafkajs client whose log lines go through the service's logger, each distinct message at most every 30 s. */
export function createKafka(connection: KafkaConnection, overrides: Partial<KafkaConfig> = {}): Kafka {
  const logger = new Logger('kafkajs');
  const lastLogged = new Map<string, number>();
  const kafka = new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...kafkaSecurityOptions(connection.security),
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
  connectionsOf.set(kafka, connection);
  return kafka;
}

/**
 * Why the broker refuses `groupId` to this client's principal (`GROUP_AUTHORIZATION_FAILED`), if it does. kafkajs
 * reports a refused coordinator lookup only as "coordinator not found"; the refusal itself is in its debug log, which
 * a short-lived client of the same identity records here.
 */
export async function groupRefusal(kafka: Kafka, groupId: string): Promise<string | undefined> {
  const connection = connectionsOf.get(kafka);
  if (!connection) return undefined;
  let refusal: string | undefined;
  const probe = new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...kafkaSecurityOptions(connection.security),
    connectionTimeout: 3000,
    requestTimeout: 5000,
    // One retry lets the client load the cluster's metadata before it asks for the coordinator.
    retry: { retries: 1, initialRetryTime: 100 },
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        const type = (log['error'] as { type?: unknown } | undefined)?.type;
        if (log.message === 'Tried to find group coordinator' && typeof type === 'string') refusal = type;
      },
  });
  const admin = probe.admin();
  try {
    await admin.connect();
    await admin.describeGroups([groupId]);
  } catch {
    // The refusal, if any, was recorded on the way.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return refusal;
}

/**
 * How a send is retried before it fails: for about as long as the client's default (some 6 s), but never more than
 * 1 s apart, so that a send to a partition whose leader died goes to the new leader within a second of its election
 * (a cluster fences a silent broker after broker.session.timeout.ms), with the same producer id and sequence numbers.
 */
export const PRODUCER_RETRY = { initialRetryTime: 200, maxRetryTime: 1_000, retries: 8 } as const;

/**
 * A producer that keeps each key's order and writes each message once per send: idempotent, acks from all replicas.
 * Its retries are bounded (kafkajs warns that this may invalidate exactly-once) so that a send to an absent broker
 * fails and the caller can back off; a message resent after such a failure is deduplicated by its event id.
 *
 * Each send goes out as one request per partition. kafkajs 2.2.4 retries a send that reached several leaders only
 * towards the leaders that had not answered yet, so a partition whose leadership moved (its broker failed) to a
 * leader that had already answered would be left out while the send reports success: a message lost.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { ...PRODUCER_RETRY },
  });
  const partitions = new TopicPartitions(kafka);
  const sendBatch = async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    const { topicMessages = [], ...options } = batch;
    const perPartition = await Promise.all(
      topicMessages.map(async ({ topic, messages }) => ({ topic, groups: await partitions.group(topic, messages) })),
    );
    const sends = perPartition.flatMap(({ topic, groups }) => groups.map((messages) => producer.send({ ...options, topic, messages })));
    return (await Promise.all(sends)).flat();
  };
  return {
    ...producer,
    send: ({ topic, messages, ...options }: ProducerRecord) => sendBatch({ ...options, topicMessages: [{ topic, messages }] }),
    sendBatch,
    disconnect: async () => {
      await partitions.close();
      await producer.disconnect();
    },
  };
}

/** Assigns messages to partitions as the default partitioner does, from each topic's partition count (read once). */
class TopicPartitions {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly metadata = new Map<string, PartitionMetadata[]>();
  private admin: Promise<Admin> | null = null;

  constructor(private readonly kafka: Kafka) {}

  /** The messages in groups of one partition each (every message given its partition), in their order. */
  async group(topic: string, messages: Message[]): Promise<Message[][]> {
    const partitionMetadata = await this.partitionsOf(topic);
    const groups = new Map<number, Message[]>();
    for (const message of messages) {
      const partition = this.partitioner({ topic, partitionMetadata, message });
      groups.set(partition, [...(groups.get(partition) ?? []), { ...message, partition }]);
    }
    return [...groups.values()];
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private async partitionsOf(topic: string): Promise<PartitionMetadata[]> {
    const known = this.metadata.get(topic);
    if (known) return known;
    // One admin client for all topics, however many ask at once.
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    const admin = this.admin;
    const [found] = (await admin.then((connected) => connected.fetchTopicMetadata({ topics: [topic] }))).topics;
    if (!found || found.partitions.length === 0) throw new Error(`topic ${topic} has no partitions`);
    this.metadata.set(topic, found.partitions);
    return found.partitions;
  }
}
