import { Logger } from '@nestjs/common';
import { EventPattern, KafkaContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { deadLetterTopic, deadLetterTopicSpec, parseEvent, type TopicSpec, type ValidationProblem } from '@registry/contracts';
import { loggableError, withoutValues } from '@registry/persistence';
import { inConsumerSpan } from '@registry/tracing';
import type { ClassConstructor } from 'class-transformer';
import { KafkaJSError, type Batch, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { ConsumerReadiness } from './consumer-readiness';
import type { DeadLetterReference, DeadLetterStore } from './dead-letters';
import { ensureTopics, type TopicReplication } from './ensure-topics';
import { createReliableProducer, groupRefusal } from './kafka-client';
import { deadLetterReason, malformedEventProblems } from './malformed-event';

interface BatchExtras {
  batchOf: ClassConstructor<object>;
}

/**
 * Marks a handler that takes a whole fetched batch of one partition at once, as validated events of
 * `type` in offset order; the malformed ones are dead-lettered first and left out. The batch's offsets
 * are committed after the handler returns, so it should write the batch in one transaction.
 */
export const EventBatchPattern = (topic: string, type: ClassConstructor<object>): MethodDecorator =>
  EventPattern(topic, { batchOf: type } satisfies BatchExtras);

export interface KafkaEventServerOptions {
  kafka: Kafka;
  groupId: string;
  /** The topics the handlers consume, ensured before subscribing so their cleanup policy is right. */
  topics: readonly TopicSpec[];
  /** Where malformed messages are kept: the consuming service's own database. */
  deadLetters: DeadLetterStore;
  /** How many partitions are handled at once; each partition's messages stay in order. 1 unless given. */
  partitionsConsumedConcurrently?: number;
  /** Where the consumer reports whether it holds its assignment, for the service's readiness. */
  readiness?: ConsumerReadiness;
  /** Told of each message dead-lettered, by topic (the service's metrics count them). */
  onDeadLettered?: (topic: string) => void;
  /** Replication of the topics it creates (those and their `.dlq`); the broker's defaults when absent. */
  replication?: TopicReplication;
}

/**
 * How quickly a group notices a member that died without leaving, and how quickly the others take its partitions:
 * the broker drops a silent member after the session timeout (6 s, the broker's usual minimum), the others hear of
 * the rebalance at their next heartbeat, which comes at least every second since no fetch waits longer than that.
 * kafkajs has no static membership, so a restarted instance joins as a new member.
 */
export const CONSUMER_GROUP_TIMINGS = {
  sessionTimeout: 6_000,
  heartbeatInterval: 1_000,
  rebalanceTimeout: 15_000,
  maxWaitTimeInMs: 500,
} as const;

const RESTART_AFTER_FAILURE_MS = 5_000;

/**
 * A Nest microservice transport for Kafka event handlers (`@EventPattern(topic)`) that commits a
 * message's offset only after its handler has finished (so after the database write), and leaves any
 * other failure uncommitted to be retried. A malformed message is kept in the service's database and
 * only a reference to it (ids, position, reason) goes to `<topic>.dlq`, before its offset is committed;
 * then it carries on. Start-up does not wait for the broker: the consumer keeps trying to join in the background.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger('KafkaEventServer');
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private closing = false;
  private connecting: Promise<void> | null = null;
  private ready = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  listen(callback: () => void): void {
    this.report('joining');
    this.connecting = this.connectUntilClosed();
    callback();
  }

  /** True once the consumer has joined its group and is fetching. */
  isConsuming(): boolean {
    return this.ready;
  }

  /** Leaves the group (so the others take its partitions at once, not after the session timeout), then stops. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.connecting;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.ready = false;
    this.report('stopped');
  }

  on(): never {
    throw new Error('KafkaEventServer emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async connectUntilClosed(): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      try {
        await this.start();
        return;
      } catch (error) {
        attempt += 1;
        const delay = Math.min(5_000, 250 * 2 ** Math.min(attempt, 6));
        this.report('failed', { reason: failureReason(error) });
        this.logger.warn({ msg: 'cannot start consuming yet; will retry', groupId: this.options.groupId, error: loggableError(error), retryInMs: delay });
        await this.consumer?.disconnect().catch(() => undefined);
        await this.producer?.disconnect().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics, replication } = this.options;
    const handled = [...this.getHandlers().keys()];
    await ensureTopics(kafka, [...topics, ...topics.map((spec) => deadLetterTopicSpec(spec.topic))], replication);
    this.producer = createReliableProducer(kafka);
    await this.producer.connect();
    // The consumer keeps the client's retries (some 6 s in all): a broker's failover is over by then, since a cluster
    // fences a silent broker after 4 s.
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, ...CONSUMER_GROUP_TIMINGS });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.ready = true;
      const partitions = Object.values(payload.memberAssignment).reduce((sum, assigned) => sum + assigned.length, 0);
      this.report('consuming', { partitions });
    });
    consumer.on(consumer.events.REBALANCING, () => {
      this.ready = false;
      this.report('joining');
    });
    consumer.on(consumer.events.STOP, () => {
      this.ready = false;
      if (!this.closing) this.report('joining');
    });
    consumer.on(consumer.events.CRASH, async ({ payload }) => {
      this.ready = false;
      let reason = failureReason(payload.error);
      if (reason === 'KafkaJSGroupCoordinatorNotFound') reason = (await groupRefusal(kafka, groupId)) ?? reason;
      this.report('failed', { reason });
      this.logger.error({ msg: 'consumer crashed', groupId, error: withoutValues(payload.error.message), reason, restart: payload.restart });
      // kafkajs restarts only after errors it deems retriable; after any other (an ACL refusal) the consumer starts over here.
      if (!payload.restart) this.restartLater(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: handled, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload).catch(rethrowWithoutValues),
    });
    this.logger.log({ msg: 'consuming', groupId, topics: handled });
  }

  private restartLater(crashed: Consumer): void {
    if (this.closing || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closing || this.consumer !== crashed) return;
      this.connecting = (async () => {
        await crashed.disconnect().catch(() => undefined);
        await this.producer?.disconnect().catch(() => undefined);
        await this.connectUntilClosed();
      })();
    }, RESTART_AFTER_FAILURE_MS);
  }

  private report(state: 'joining' | 'consuming' | 'failed' | 'stopped', details: { partitions?: number; reason?: string } = {}): void {
    this.options.readiness?.report(this.options.groupId, state, details);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    try {
      await this.handleBatchInOrder(payload);
    } catch (error) {
      // kafkajs heartbeats only after a batch went through. While a handler keeps failing (its database refuses), its
      // retries would outlast the group's session, and once the database is back the message would be handled (and a
      // malformed one's reference published) only for the commit to be refused and the message handled again.
      await payload.heartbeat().catch(() => undefined);
      throw error;
    }
  }

  private async handleBatchInOrder(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no handler for topic ${batch.topic}`);
    const batchOf = (handler.extras as Partial<BatchExtras> | undefined)?.batchOf;
    if (batchOf) {
      await this.handleWholeBatch(handler, batchOf, batch, heartbeat);
      resolveOffset(batch.lastOffset());
      return;
    }
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      await this.handleMessage(handler, batch, message, heartbeat);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  private async handleMessage(handler: MessageHandler, batch: Batch, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const { topic, partition } = batch;
    const context = new KafkaContext([message, partition, topic, this.consumer as Consumer, heartbeat, this.producer as Producer]);
    try {
      // The handler runs in the trace the message carries, so what it logs and what it writes to its outbox continue it.
      await inConsumerSpan(topic, [message], { 'messaging.kafka.offset': Number(message.offset) }, async () => {
        await lastValueFrom(this.transformToObservable(await handler(message.value, context)), { defaultValue: undefined });
        this.logger.debug({ msg: 'event handled', topic, partition, offset: message.offset });
      });
    } catch (error) {
      const problems = malformedEventProblems(error);
      if (!problems) throw error;
      await this.deadLetter(topic, partition, message, problems);
    }
    await this.commit(topic, partition, message.offset);
  }

  private async handleWholeBatch(handler: MessageHandler, type: ClassConstructor<object>, batch: Batch, heartbeat: () => Promise<void>): Promise<void> {
    const { topic, partition, messages } = batch;
    if (messages.length === 0) return;
    const events: object[] = [];
    for (const message of messages) {
      const parsed = parseEvent(type, message.value);
      if (parsed.ok) events.push(parsed.event);
      else await this.deadLetter(topic, partition, message, parsed.problems);
    }
    if (events.length > 0) {
      const last = messages[messages.length - 1] as KafkaMessage;
      const context = new KafkaContext([last, partition, topic, this.consumer as Consumer, heartbeat, this.producer as Producer]);
      await inConsumerSpan(topic, messages, {}, async () => {
        await lastValueFrom(this.transformToObservable(await handler(events, context)), { defaultValue: undefined });
        this.logger.debug({ msg: 'events handled', topic, partition, firstOffset: batch.firstOffset(), lastOffset: batch.lastOffset(), count: events.length });
      });
    }
    await this.commit(topic, partition, batch.lastOffset());
    await heartbeat();
  }

  private async commit(topic: string, partition: number, offset: string): Promise<void> {
    await this.consumer?.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
  }

  /** Keeps the message in the database, then publishes a reference to it; the caller commits the offset after both. */
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, problems: ValidationProblem[]): Promise<void> {
    const reason = deadLetterReason(problems);
    const kept = await this.options.deadLetters.keep({
      topic,
      partition,
      offset: message.offset,
      key: message.key,
      headers: message.headers,
      value: message.value,
      problems,
      reason,
    });
    const reference: DeadLetterReference = {
      deadLetterId: kept.id,
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      reason,
      deadLetteredAt: kept.deadLetteredAt.toISOString(),
    };
    await (this.producer as Producer).send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: JSON.stringify(reference) }],
    });
    this.logger.warn({ msg: 'malformed message dead-lettered', deadLetterId: kept.id, topic, partition, offset: message.offset, key: reference.key, reason });
    this.options.onDeadLettered?.(topic);
  }
}

/** The broker's or client's name for a failure (`GROUP_AUTHORIZATION_FAILED`, `KafkaJSConnectionError`), from its innermost cause. */
function failureReason(error: unknown): string {
  let inner = error as { cause?: unknown; type?: unknown; name?: unknown } | undefined;
  while (inner && typeof inner === 'object' && inner.cause) inner = inner.cause as typeof inner;
  if (inner && typeof inner.type === 'string') return inner.type;
  if (inner && typeof inner.name === 'string') return inner.name;
  return 'UNKNOWN';
}

/**
 * kafkajs logs what eachBatch throws, message and own properties (a TypeORM error's query parameters) included;
 * it gets an error without values instead. Its own errors pass unchanged: it decides on retries by them.
 */
function rethrowWithoutValues(error: unknown): never {
  if (error instanceof KafkaJSError) throw error;
  const message = error instanceof Error ? error.message : typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error);
  const safe = new Error(withoutValues(message));
  safe.name = error instanceof Error ? error.name : 'HandlerError';
  throw safe;
}
