import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AccessRecordedEvent, TOPIC_SPECS, type TopicSpec } from '@registry/contracts';
import {
  brokerPassword,
  createPrivateBroker,
  createTestDatabase,
  eventually,
  kafkaConnectionAs,
  sampleAccessEvent,
  testBroker,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import type { Kafka } from 'kafkajs';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  CONSUMER_GROUP_TIMINGS,
  ConsumerReadiness,
  createDeadLettersTable,
  createKafka,
  createReliableProducer,
  DeadLetterStore,
  ensureTopics,
  EventValidationPipe,
  KafkaEventServer,
} from '../src';

const spec: TopicSpec = { topic: `test.group.${uniqueSuffix()}`, partitions: 6, compacted: false };
const handled = new Map<string, number>();

@Controller()
class TimingConsumer {
  @EventPattern(spec.topic)
  handle(@Payload(new EventValidationPipe(AccessRecordedEvent)) event: AccessRecordedEvent): void {
    handled.set(event.accessId, Date.now());
  }
}

@Module({ controllers: [TimingConsumer] })
class TimingModule {}

describe('a consumer group of several instances', () => {
  const kafka = createKafka(testKafka('group-test'));
  let database: TestDatabase;
  let dataSource: DataSource;
  const running: INestMicroservice[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('group');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createDeadLettersTable(runner);
    await runner.release();
    await ensureTopics(kafka, [spec]);
  });

  afterEach(async () => {
    children.splice(0).forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function member(groupId: string, readiness: ConsumerReadiness, connection = testKafka('group-member')): Promise<INestMicroservice> {
    const module = await Test.createTestingModule({ imports: [TimingModule] }).compile();
    const app = module.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka: createKafka(connection),
        groupId,
        topics: [spec],
        deadLetters: new DeadLetterStore(dataSource),
        partitionsConsumedConcurrently: 3,
        readiness,
      }),
    });
    await app.listen();
    running.push(app);
    return app;
  }

  /** A member in a child process; resolves with a reader of its latest assignment. */
  function memberProcess(groupId: string): { child: ChildProcess; assignment: () => number[] } {
    const { brokers } = testBroker();
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'group-member.js')], {
      env: {
        ...process.env,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_USERNAME: 'admin',
        KAFKA_PASSWORD: brokerPassword(testBroker(), 'admin'),
        GROUP_ID: groupId,
        TOPIC: spec.topic,
        GROUP_TIMINGS: JSON.stringify(CONSUMER_GROUP_TIMINGS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let latest: number[] = [];
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) latest = (JSON.parse(line) as { joined: Record<string, number[]> }).joined[spec.topic] ?? [];
    });
    return { child, assignment: () => latest };
  }

  async function sendTo(partitions: number[], to: Kafka = kafka): Promise<string[]> {
    const producer = createReliableProducer(to);
    await producer.connect();
    const ids: string[] = [];
    try {
      for (const partition of partitions) {
        const event = sampleAccessEvent();
        ids.push(event.accessId);
        await producer.send({ topic: spec.topic, acks: -1, messages: [{ partition, key: event.accessId, value: JSON.stringify(event) }] });
      }
    } finally {
      await producer.disconnect();
    }
    return ids;
  }

  it('is ready only once it has joined its group and holds its assignment, and not once stopped', async () => {
    const readiness = new ConsumerReadiness();
    const groupId = `test-ready-${uniqueSuffix()}`;
    const app = await member(groupId, readiness);
    expect(readiness.ready()).toBe(false);
    expect(readiness.statuses()).toEqual([expect.objectContaining({ groupId, state: 'joining' })]);

    await eventually(() => expect(readiness.statuses()).toEqual([expect.objectContaining({ groupId, state: 'consuming', partitions: spec.partitions })]), { timeoutMs: 30_000 });
    expect(readiness.ready()).toBe(true);

    await app.close();
    running.splice(running.indexOf(app), 1);
    expect(readiness.ready()).toBe(false);
    expect(readiness.statuses()).toEqual([expect.objectContaining({ state: 'stopped' })]);
  });

  it('is not ready, and says why, when the broker refuses its group', async () => {
    const readiness = new ConsumerReadiness();
    // contacts may read the register topic, but only in groups whose names start with "contacts".
    const groupId = `refused-${uniqueSuffix()}`;
    const module = await Test.createTestingModule({ imports: [] }).compile();
    const app = module.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka: createKafka(testKafka('refused-member', 'contacts')),
        groupId,
        topics: [TOPIC_SPECS.companyRegister],
        deadLetters: new DeadLetterStore(dataSource),
        readiness,
      }),
    });
    await app.listen();
    running.push(app);
    await eventually(() => expect(readiness.statuses()).toEqual([expect.objectContaining({ groupId, state: 'failed', reason: 'GROUP_AUTHORIZATION_FAILED' })]), {
      timeoutMs: 30_000,
    });
    expect(readiness.ready()).toBe(false);
    // It stays refused while it keeps trying: never ready in between.
    const until = Date.now() + 7000;
    while (Date.now() < until) {
      expect(readiness.ready()).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(readiness.statuses()[0]?.reason).toBe('GROUP_AUTHORIZATION_FAILED');
  });

  it('takes over the partitions of a member killed without leaving, and handles a new message within 10 s', async () => {
    const groupId = `test-takeover-${uniqueSuffix()}`;
    const readiness = new ConsumerReadiness();
    await member(groupId, readiness);
    await eventually(() => expect(readiness.ready()).toBe(true), { timeoutMs: 30_000 });
    const other = memberProcess(groupId);
    // Both hold part of the topic.
    await eventually(
      () => {
        expect(other.assignment().length).toBeGreaterThan(0);
        expect(readiness.statuses()[0]).toMatchObject({ state: 'consuming', partitions: spec.partitions - other.assignment().length });
      },
      { timeoutMs: 30_000 },
    );
    const orphaned = other.assignment();

    other.child.kill('SIGKILL');
    const killedAt = Date.now();
    const ids = await sendTo(orphaned);
    await eventually(() => expect(ids.every((id) => handled.has(id))).toBe(true), { timeoutMs: 20_000, intervalMs: 50 });
    const tookOverIn = Math.max(...ids.map((id) => handled.get(id) ?? Infinity)) - killedAt;
    expect(tookOverIn).toBeLessThan(10_000);
    expect(readiness.statuses()[0]).toMatchObject({ state: 'consuming', partitions: spec.partitions });
  });

  it('hands its partitions over at once when it stops gracefully: it leaves the group', async () => {
    const groupId = `test-leave-${uniqueSuffix()}`;
    const stays = new ConsumerReadiness();
    const leaves = new ConsumerReadiness();
    await member(groupId, stays);
    await eventually(() => expect(stays.ready()).toBe(true), { timeoutMs: 30_000 });
    const leaving = await member(groupId, leaves);
    await eventually(() => expect(leaves.statuses()[0]).toMatchObject({ state: 'consuming', partitions: expect.any(Number) }), { timeoutMs: 30_000 });
    await eventually(() => expect(stays.statuses()[0]?.partitions).toBeLessThan(spec.partitions), { timeoutMs: 30_000 });

    await leaving.close();
    running.splice(running.indexOf(leaving), 1);
    const stoppedAt = Date.now();
    await eventually(() => expect(stays.statuses()[0]).toMatchObject({ state: 'consuming', partitions: spec.partitions }), { timeoutMs: 20_000, intervalMs: 50 });
    // Well within the session timeout: the group did not wait for the leaver to fall silent.
    expect(Date.now() - stoppedAt).toBeLessThan(CONSUMER_GROUP_TIMINGS.sessionTimeout);
  });

  it('resumes within 10 s of the broker’s return, and is not ready while the broker is away', async () => {
    const broker = await createPrivateBroker();
    try {
      broker.start();
      const connection = kafkaConnectionAs(broker, 'admin', 'outage-member');
      const own = createKafka(connection);
      await ensureTopics(own, [spec]);
      const readiness = new ConsumerReadiness();
      await member(`test-outage-${uniqueSuffix()}`, readiness, connection);
      await eventually(() => expect(readiness.ready()).toBe(true), { timeoutMs: 30_000 });

      broker.stop();
      await eventually(() => expect(readiness.ready()).toBe(false), { timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 5000));
      broker.start();
      const back = Date.now();
      const ids = await sendTo([0, 1, 2], own);
      await eventually(() => expect(ids.every((id) => handled.has(id))).toBe(true), { timeoutMs: 30_000, intervalMs: 50 });
      expect(Math.max(...ids.map((id) => handled.get(id) ?? Infinity)) - back).toBeLessThan(10_000);
      expect(readiness.ready()).toBe(true);
    } finally {
      await Promise.all(running.splice(0).map((app) => app.close()));
      broker.destroy();
    }
  }, 180_000);
});
