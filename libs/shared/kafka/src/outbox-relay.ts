import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { TopicSpec } from '@registry/contracts';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { createReliableProducer } from './kafka-client';
import { ensureTopics, type TopicReplication } from './ensure-topics';
import { OutboxListener } from './outbox-listener';
import { loggableError } from '@registry/persistence';
import { traceHeaders } from '@registry/tracing';

export interface OutboxRelayOptions {
  /** Names the advisory lock, so that only one relay per database publishes and order is kept. */
  name: string;
  /** The topics the relay publishes to, created with their policy before the first send. */
  topics: readonly TopicSpec[];
  /** For topics named at run time (one per group company): how to create one the relay meets for the first time. */
  topicSpecFor?: (topic: string) => TopicSpec | undefined;
  /** Replication of the topics it creates; the broker's defaults when absent. */
  replication?: TopicReplication;
  /**
   * How often the relay holding the lease looks for rows anyway. A committed insert wakes it at once (see
   * addOutboxNotifyTrigger); the poll is the fallback for a lost notification or a dropped listener.
   */
  pollIntervalMs: number;
  /** How long to wait before replacing a dropped listener connection (default 1000 ms). */
  listenRetryMs?: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retentionHours: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  trace_context: unknown;
}

const MAX_BACKOFF_MS = 10_000;
/** How often a relay that does not hold the lease tries to take it over. */
const STANDBY_POLL_MS = 1000;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. It reads every row not yet
 * published rather than "rows after the last id", so a row whose transaction commits late is never skipped.
 * A failed send leaves the rows unpublished and is retried with exponential backoff.
 * It does not wait for its poll when a row is committed: the outbox's insert trigger notifies on commit, and the
 * relay holding the lease listens on a connection of its own (OutboxListener). The poll stays the fallback, so
 * a lost notification or a dropped listener delays a row by one poll interval at most, and loses nothing.
 *
 * Several instances of a service may run one relay each on the same database; one publishes at a time:
 * - the lease: a session advisory lock held on a connection of its own, checked before every batch;
 * - the claim: each batch is read with `FOR UPDATE` in id order, sent, and marked published in one
 *   transaction on a second connection. Another relay's claim waits on those row locks and then sees the
 *   rows as published, so two relays never send the same rows, and a later version of a key is never sent
 *   before an earlier one has been acknowledged by the broker.
 * Losing either connection alone loses nothing and duplicates nothing: losing the lease stops the relay
 * before its next batch while its claim finishes; losing the claim after a send keeps the lease until the
 * sent rows are marked on a fresh connection. Only a relay that dies with both may leave its last batch to be
 * sent again by the next one, in the same order, each message with its event id.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private producer: Producer | null = null;
  private lease: QueryRunner | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Set by a notification; a batch already under way may have missed the rows it announces, so it is read again. */
  private notified = false;
  private readonly listener: OutboxListener;
  private failures = 0;
  private readonly ensuredTopics = new Set<string>();
  private lastCleanup = 0;
  /** Names this relay's connections in pg_stat_activity (`outbox-relay lease <id>`, `outbox-relay claim <id>`). */
  readonly instanceId = randomBytes(4).toString('hex');

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: OutboxRelayOptions,
  ) {
    this.listener = new OutboxListener(dataSource, `outbox-relay listener ${this.instanceId}`, options.listenRetryMs ?? 1000, () => this.onNotification());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener.stop();
    await this.resetProducer();
    await this.releaseLease();
  }

  /** Rows waiting to be published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n;
  }

  /** True while this relay holds the lease and is the one that publishes. */
  isPublishing(): boolean {
    return this.lease !== null;
  }

  /** True while this relay listens for outbox notifications (only the one holding the lease does). */
  isListening(): boolean {
    return this.listener.isListening();
  }

  private onNotification(): void {
    this.notified = true;
    this.wake?.();
  }

  private get lockName(): string {
    return `outbox-relay:${this.options.name}`;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.options.pollIntervalMs;
      let wakeable = true;
      try {
        if (await this.holdLease()) {
          this.notified = false;
          const published = await this.publishBatch();
          if (this.failures > 0) this.logger.log({ msg: 'outbox relay recovered', after: this.failures });
          this.failures = 0;
          if (published === this.options.batchSize || this.notified) delay = 0;
          await this.cleanupNowAndThen();
        } else {
          delay = Math.max(delay, STANDBY_POLL_MS);
        }
      } catch (error) {
        this.failures += 1;
        delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(this.failures, 6));
        // A notification must not cut the backoff short.
        wakeable = false;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn({ msg: 'outbox relay cannot publish; will retry', error: loggableError(error), failures: this.failures, retryInMs: delay });
        }
        await this.resetProducer();
        await this.releaseLease();
      }
      if (delay > 0 && this.running) await this.sleep(delay, wakeable);
    }
  }

  /**
   * Takes the lease, or proves it is still held: the lock is the session's, so a query that succeeds on
   * its connection shows the session, and so the lock, is alive. A dropped connection fails here, before
   * the next batch is claimed.
   */
  private async holdLease(): Promise<boolean> {
    if (this.lease) {
      await this.lease.query(`SELECT 1`);
      return true;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [this.lockName]);
      if (!locked) {
        await runner.release();
        return false;
      }
      await runner.query(`SELECT set_config('application_name', $1, false)`, [`outbox-relay lease ${this.instanceId}`]);
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
    this.lease = runner;
    this.listener.start();
    this.logger.log({ msg: 'outbox relay took the lease', relay: this.options.name });
    return true;
  }

  private async releaseLease(): Promise<void> {
    const runner = this.lease;
    this.lease = null;
    if (!runner) return;
    await this.listener.stop();
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [this.lockName]).catch(() => undefined);
    await runner.query(`RESET application_name`).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  /** Claims the oldest unpublished rows, sends them, and marks them published, in one transaction. */
  private async publishBatch(): Promise<number> {
    const claim = this.dataSource.createQueryRunner();
    await claim.connect();
    let sent: OutboxRow[] | null = null;
    try {
      await claim.startTransaction();
      await claim.query(`SELECT set_config('application_name', $1, true)`, [`outbox-relay claim ${this.instanceId}`]);
      const rows: OutboxRow[] = await claim.query(
        `SELECT id, topic, message_key, payload, trace_context FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE`,
        [this.options.batchSize],
      );
      if (rows.length === 0) {
        await claim.commitTransaction();
        return 0;
      }
      try {
        await this.send(rows);
      } catch (error) {
        // The rows stay unpublished; the failure is kept with them.
        await claim.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
          rows.map((row) => row.id),
          (error as Error).message.slice(0, 500),
        ]);
        await claim.commitTransaction();
        throw error;
      }
      sent = rows;
      await claim.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      await claim.commitTransaction();
      return rows.length;
    } catch (error) {
      if (claim.isTransactionActive) await claim.rollbackTransaction().catch(() => undefined);
      if (sent) await this.markSentAfterLostClaim(sent);
      throw error;
    } finally {
      await claim.release().catch(() => undefined);
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const producer = await this.connectedProducer();
    await this.ensureTopicsOf(rows);
    await producer.sendBatch({ acks: -1, topicMessages: groupByTopicInOrder(rows) });
  }

  /**
   * The broker has the rows but their claim's transaction is gone. While the lease is held no other relay
   * can claim them, so they are marked on a fresh connection before the lease is let go.
   */
  private async markSentAfterLostClaim(rows: OutboxRow[]): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      try {
        if (!this.lease) return;
        await this.lease.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL`, [rows.map((row) => row.id)]);
        return;
      } catch {
        try {
          await this.dataSource.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL`, [rows.map((row) => row.id)]);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    }
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

  /** Waits `ms`; stop() always ends the wait, a notification only when `wakeable`. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (wakeable || !this.running) done();
      };
    });
  }
}

/** Keeps the rows' id order within each topic, which keeps each key's order within its partition. */
function groupByTopicInOrder(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.payload === null ? null : JSON.stringify(row.payload), headers: traceHeaders(row.trace_context) });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
