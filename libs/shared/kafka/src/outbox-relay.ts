import { Logger } from '@nestjs/common';
import type { TopicSpec } from '@registry/contracts';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { createReliableProducer } from './kafka-client';
import { ensureTopics, type TopicReplication } from './ensure-topics';
import { loggableError } from '@registry/persistence';

export interface OutboxRelayOptions {
  /** Names the advisory lock, so that only one relay per database publishes and order is kept. */
  name: string;
  /** The topics the relay publishes to, created with their policy before the first send. */
  topics: readonly TopicSpec[];
  /** For topics named at run time (one per group company): how to create one the relay meets for the first time. */
  topicSpecFor?: (topic: string) => TopicSpec | undefined;
  /** Replication of the topics it creates; the broker's defaults when absent. */
  replication?: TopicReplication;
  pollIntervalMs: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retentionHours: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. It reads every row not yet
 * published rather than "rows after the last id", so a row whose transaction commits late is never skipped.
 * A failed send leaves the rows unpublished and is retried with exponential backoff.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private producer: Producer | null = null;
  private lockHolder: QueryRunner | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  private readonly ensuredTopics = new Set<string>();
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.resetProducer();
    await this.releaseLock();
  }

  /** Rows waiting to be published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.options.pollIntervalMs;
      try {
        if (await this.holdLock()) {
          const published = await this.publishBatch();
          if (this.failures > 0) this.logger.log({ msg: 'outbox relay recovered', after: this.failures });
          this.failures = 0;
          if (published === this.options.batchSize) delay = 0;
          await this.cleanupNowAndThen();
        } else {
          delay = Math.max(delay, 2000);
        }
      } catch (error) {
        this.failures += 1;
        delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(this.failures, 6));
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn({ msg: 'outbox relay cannot publish; will retry', error: loggableError(error), failures: this.failures, retryInMs: delay });
        }
        await this.resetProducer();
        await this.releaseLock();
      }
      if (delay > 0) await this.sleep(delay);
    }
  }

  private async holdLock(): Promise<boolean> {
    if (!this.lockHolder) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`outbox-relay:${this.options.name}`]);
      if (!locked) {
        await runner.release();
        return false;
      }
      this.lockHolder = runner;
    }
    return true;
  }

  private async releaseLock(): Promise<void> {
    const runner = this.lockHolder;
    this.lockHolder = null;
    if (!runner) return;
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`outbox-relay:${this.options.name}`]).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async publishBatch(): Promise<number> {
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, topic, message_key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return 0;
    const producer = await this.connectedProducer();
    await this.ensureTopicsOf(rows);
    try {
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopicInOrder(rows) });
    } catch (error) {
      await this.dataSource.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
        (error as Error).message.slice(0, 500),
      ]);
      throw error;
    }
    await this.dataSource.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
    return rows.length;
  }

  private async ensureTopicsOf(rows: OutboxRow[]): Promise<void> {
    const unseen = [...new Set(rows.map((row) => row.topic))].filter((topic) => !this.ensuredTopics.has(topic));
    if (unseen.length === 0) return;
    const specs = unseen.map((topic) => this.options.topics.find((spec) => spec.topic === topic) ?? this.options.topicSpecFor?.(topic));
    const missing = unseen.filter((_, i) => !specs[i]);
    if (missing.length > 0) throw new Error(`the outbox names topics this relay does not know how to create: ${missing.join(', ')}`);
    await ensureTopics(this.kafka, specs as TopicSpec[], this.options.replication);
    unseen.forEach((topic) => this.ensuredTopics.add(topic));
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      await ensureTopics(this.kafka, this.options.topics, this.options.replication);
      this.options.topics.forEach((spec) => this.ensuredTopics.add(spec.topic));
      const producer = createReliableProducer(this.kafka);
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private async cleanupNowAndThen(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retentionHours]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** Keeps the rows' id order within each topic, which keeps each key's order within its partition. */
function groupByTopicInOrder(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.payload === null ? null : JSON.stringify(row.payload) });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
