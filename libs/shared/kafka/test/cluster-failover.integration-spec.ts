import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AccessRecordedEvent, type TopicSpec } from '@registry/contracts';
import { createPrivateCluster, createTestDatabase, eventually, kafkaConnectionAs, readWholeTopic, sampleAccessEvent, uniqueSuffix, type PrivateCluster, type TestDatabase } from '@registry/testing';
import { ConfigResourceTypes, type Consumer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createDeadLettersTable, createKafka, createReliableProducer, DeadLetterStore, EventValidationPipe, KafkaEventServer, type TopicReplication } from '../src';

// Three combined broker/controller nodes; each topic keeps 3 replicas and acknowledges a write once 2 have it.
const REPLICATION: TopicReplication = { replicationFactor: 3, minInsyncReplicas: 2 };
const spec: TopicSpec = { topic: `test.failover.${uniqueSuffix()}`, partitions: 3, compacted: false };
const LOAD_MS = 22_000;
const KILL_AFTER_MS = 6_000;
const BATCH = 5;
const BATCH_EVERY_MS = 50;
const MAX_STALL_MS = 10_000;

interface Delivery {
  accessId: string;
  partition: number;
  offset: bigint;
  at: number;
  /** The group's committed offset of that partition when the message was handed to the handler. */
  committedThen: bigint;
}

const deliveries: Delivery[] = [];
const committed = new Map<number, bigint>();
const processed = new Set<string>();
let skippedAsProcessed = 0;

/** Handles each event once: a redelivered event is recognised by its id and skipped, as the services' processed-events table does. */
@Controller()
class CountingConsumer {
  @EventPattern(spec.topic)
  handle(@Payload(new EventValidationPipe(AccessRecordedEvent)) event: AccessRecordedEvent, @Ctx() context: KafkaContext): void {
    const partition = context.getPartition();
    deliveries.push({ accessId: event.accessId, partition, offset: BigInt(context.getMessage().offset), at: Date.now(), committedThen: committed.get(partition) ?? 0n });
    if (processed.has(event.accessId)) skippedAsProcessed += 1;
    else processed.add(event.accessId);
  }
}

@Module({ controllers: [CountingConsumer] })
class CountingModule {}

describe('a three-broker cluster that loses a broker under load', () => {
  let cluster: PrivateCluster;
  let database: TestDatabase;
  let dataSource: DataSource;
  let closeApp: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    cluster = createPrivateCluster({ size: 3 });
    cluster.start();
    database = await createTestDatabase('failover');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createDeadLettersTable(runner);
    await runner.release();
  }, 240_000);

  afterAll(async () => {
    await closeApp?.();
    await dataSource?.destroy();
    await database?.drop();
    cluster?.destroy();
  }, 60_000);

  it('loses nothing, writes nothing twice and stalls consumption for less than 10 s when the leader is killed', async () => {
    const kafka = createKafka({ ...kafkaConnectionAs(cluster, 'admin', 'failover-test'), replication: REPLICATION });
    const server = new KafkaEventServer({ kafka, groupId: `failover-${uniqueSuffix()}`, topics: [spec], deadLetters: new DeadLetterStore(dataSource), replication: REPLICATION });
    const module = await Test.createTestingModule({ imports: [CountingModule] }).compile();
    const app = module.createNestMicroservice({ strategy: server });
    await app.listen();
    closeApp = () => app.close();
    await eventually(() => expect(server.isConsuming()).toBe(true), { timeoutMs: 60_000 });
    const consumer = server.unwrap<Consumer>();
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      for (const topic of payload.topics) for (const { partition, offset } of topic.partitions) committed.set(partition, BigInt(offset));
    });

    // The consuming service created the topic with the replication it was given; the broker's own topics follow the cluster.
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [spec.topic, '__consumer_offsets'] });
    for (const topic of metadata.topics) for (const partition of topic.partitions) expect(partition.replicas).toHaveLength(3);
    const [config] = (await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.topic, configNames: ['min.insync.replicas'] }] })).resources;
    expect(config?.configEntries.find((entry) => entry.configName === 'min.insync.replicas')?.configValue).toBe('2');
    const victim = metadata.topics.find((topic) => topic.name === spec.topic)?.partitions.find((p) => p.partitionId === 0)?.leader;
    expect(cluster.nodeIds).toContain(victim);
    await admin.disconnect();

    // Idempotent, acks from all in-sync replicas; a send that fails is sent again, unchanged, until it succeeds.
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const produced: string[] = [];
    let failedSends = 0;
    const sendTimes: number[] = [];
    let killedAt = 0;
    const started = Date.now();
    while (Date.now() - started < LOAD_MS) {
      const events = Array.from({ length: BATCH }, () => sampleAccessEvent());
      const messages = events.map((event) => ({ key: event.accessId, value: JSON.stringify(event) }));
      for (;;) {
        try {
          await producer.send({ topic: spec.topic, acks: -1, messages });
          break;
        } catch {
          failedSends += 1;
          await sleep(200);
        }
      }
      sendTimes.push(Date.now());
      produced.push(...events.map((event) => event.accessId));
      if (!killedAt && Date.now() - started >= KILL_AFTER_MS) {
        cluster.kill(victim as number);
        killedAt = Date.now();
      }
      await sleep(BATCH_EVERY_MS);
    }
    await producer.disconnect();
    expect(killedAt).toBeGreaterThan(0);

    await eventually(() => expect(processed.size).toBe(produced.length), { timeoutMs: 60_000, intervalMs: 250 });
    await app.close();
    closeApp = undefined;

    // Nothing lost: every produced event was handled.
    const missing = produced.filter((id) => !processed.has(id));
    expect(missing).toEqual([]);

    // Nothing written twice: the topic holds each event once, whatever the producer had to send again.
    const inTopic = await readWholeTopic(kafka, spec.topic, 60_000);
    const copies = new Map<string, number>();
    for (const message of inTopic) copies.set(message.key ?? '', (copies.get(message.key ?? '') ?? 0) + 1);
    expect(inTopic).toHaveLength(produced.length);
    expect([...copies.values()].filter((n) => n > 1)).toEqual([]);

    // Handed over twice only where the offset had not been committed; those, and only those, were skipped by id.
    const seen = new Set<string>();
    const redelivered: Delivery[] = [];
    for (const delivery of deliveries) {
      const position = `${delivery.partition}:${delivery.offset}`;
      if (seen.has(position)) redelivered.push(delivery);
      seen.add(position);
    }
    expect(redelivered.filter((delivery) => delivery.committedThen > delivery.offset)).toEqual([]);
    expect(skippedAsProcessed).toBe(redelivered.length);

    // Consumption went on: the longest wait between two newly handled events.
    const firstTimes: number[] = [];
    const firstSeen = new Set<string>();
    for (const delivery of deliveries) {
      if (firstSeen.has(delivery.accessId)) continue;
      firstSeen.add(delivery.accessId);
      firstTimes.push(delivery.at);
    }
    const longestStall = Math.max(...firstTimes.slice(1).map((at, i) => at - (firstTimes[i] as number)));
    const longestSendGap = Math.max(...sendTimes.slice(1).map((at, i) => at - (sendTimes[i] as number)));
    console.log(
      `failover: node ${victim} (leader of partition 0) killed ${killedAt - started} ms into the load; ${produced.length} events, ` +
        `${failedSends} sends repeated, longest wait for a send ${longestSendGap} ms, ${redelivered.length} redelivered and skipped, longest stall ${longestStall} ms`,
    );
    expect(longestStall).toBeLessThan(MAX_STALL_MS);
  }, 150_000);
});
