import { Logger } from '@nestjs/common';
import { EventPattern, KafkaContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { deadLetterTopic, deadLetterTopicSpec, parseEvent, type TopicSpec, type ValidationProblem } from '@registry/contracts';
import { loggableError, withoutValues } from '@registry/persistence';
import type { ClassConstructor } from 'class-transformer';
import { KafkaJSError, type Batch, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { DeadLetterReference, DeadLetterStore } from './dead-letters';
import { ensureTopics, type TopicReplication } from './ensure-topics';
import { createReliableProducer } from './kafka-client';
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
  /** Replication of the topics it creates (those and their `.dlq`); the broker's defaults when absent. */
  replication?: TopicReplication;
}

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

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  listen(callback: () => void): void {
    this.connecting = this.connectUntilClosed();
    callback();
  }

  /** True once the consumer has joined its group and is fetching. */
  isConsuming(): boolean {
    return this.ready;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.connecting;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.ready = false;
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
        const delay = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
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
    // Retries outlast a broker's failover (a killed broker is fenced and its partitions led by another within
    // seconds): a consumer that gave up sooner would crash and rejoin as a new member, and the group would wait
    // out the old member's session timeout before handing out its partitions again.
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 15 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.ready = true;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.ready = false;
      this.logger.error({ msg: 'consumer crashed; kafkajs restarts it', groupId, error: withoutValues(payload.error.message), restart: payload.restart });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: handled, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload).catch(rethrowWithoutValues) });
    this.logger.log({ msg: 'consuming', groupId, topics: handled });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
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
      await lastValueFrom(this.transformToObservable(await handler(message.value, context)), { defaultValue: undefined });
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
      await lastValueFrom(this.transformToObservable(await handler(events, context)), { defaultValue: undefined });
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
  }
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
