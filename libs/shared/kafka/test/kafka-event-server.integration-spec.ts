import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AccessRecordedEvent, deadLetterTopic, type TopicSpec } from '@registry/contracts';
import { createTestDatabase, eventually, readWholeTopic, sampleAccessEvent, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createDeadLettersTable, createKafka, createReliableProducer, DeadLetterStore, EventValidationPipe, KafkaEventServer, type DeadLetterReference } from '../src';

const spec: TopicSpec = { topic: `test.consumer.${uniqueSuffix()}`, partitions: 1, compacted: false };
const handled: string[] = [];
const failOnce = new Set<string>();

@Controller()
class RecordingConsumer {
  @EventPattern(spec.topic)
  handle(@Payload(new EventValidationPipe(AccessRecordedEvent)) event: AccessRecordedEvent): void {
    if (failOnce.delete(event.accessId)) throw new Error('database unavailable');
    handled.push(event.accessId);
  }
}

@Module({ controllers: [RecordingConsumer] })
class RecordingModule {}

describe('KafkaEventServer', () => {
  const kafka = createKafka(testKafka('consumer-test'));
  const groupId = `test-group-${uniqueSuffix()}`;
  const marker = `marker-${uniqueSuffix()}@example.com`;
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('consumer');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createDeadLettersTable(runner);
    await runner.release();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('keeps a malformed message in the database and publishes only a reference, retries a failed one, and commits only what it handled', async () => {
    const module = await Test.createTestingModule({ imports: [RecordingModule] }).compile();
    const app = module.createNestMicroservice({ strategy: new KafkaEventServer({ kafka, groupId, topics: [spec], deadLetters: new DeadLetterStore(dataSource) }) });
    await app.listen();

    const first = sampleAccessEvent();
    const flaky = sampleAccessEvent();
    const last = sampleAccessEvent();
    failOnce.add(flaky.accessId);
    const producer = createReliableProducer(kafka);
    await eventually(async () => expect((await kafka.admin().listTopics()).includes(spec.topic)).toBe(true));
    await producer.connect();
    await producer.send({
      topic: spec.topic,
      messages: [
        { key: first.accessId, value: JSON.stringify(first) },
        { key: 'bad-json', value: `{"eventId": "${marker}"`, headers: { trace: 'trace-1' } },
        { key: 'extra-field', value: JSON.stringify({ ...sampleAccessEvent(), email: marker, [marker]: true }) },
        { key: flaky.accessId, value: JSON.stringify(flaky) },
        { key: last.accessId, value: JSON.stringify(last) },
      ],
    });
    await producer.disconnect();

    await eventually(() => expect(handled).toEqual([first.accessId, flaky.accessId, last.accessId]), { timeoutMs: 45_000 });
    const dead = await eventually(async () => {
      const messages = await readWholeTopic(kafka, deadLetterTopic(spec.topic));
      expect(messages).toHaveLength(2);
      return messages;
    });
    expect(dead.map((m) => m.key)).toEqual(['bad-json', 'extra-field']);
    for (const message of dead) expect(`${message.value} ${JSON.stringify(message.headers)}`).not.toContain(marker);
    const references = dead.map((m) => JSON.parse(m.value ?? '{}') as DeadLetterReference);
    expect(references[0]).toMatchObject({ topic: spec.topic, partition: 0, offset: '1', key: 'bad-json', reason: { code: 'MALFORMED_EVENT', problems: [{ rule: 'json' }] } });
    expect(references[1]).toMatchObject({ offset: '2', key: 'extra-field', reason: { problems: [{ field: '*', rule: 'whitelistValidation' }] } });

    // The messages themselves, whole, are rows of the consuming service's database.
    const rows: { id: string; message_offset: string; message_key: Buffer; message_value: Buffer; message_headers: Record<string, string[]>; reason: { problems: unknown[] } }[] =
      await dataSource.query(`SELECT id, message_offset, message_key, message_value, message_headers, reason FROM dead_letters WHERE topic = $1 ORDER BY message_offset`, [spec.topic]);
    expect(rows.map((row) => row.id)).toEqual(references.map((reference) => reference.deadLetterId));
    expect(rows.map((row) => row.message_key.toString())).toEqual(['bad-json', 'extra-field']);
    expect(rows.every((row) => row.message_value.toString().includes(marker))).toBe(true);
    expect(Buffer.from(rows[0]?.message_headers['trace']?.[0] ?? '', 'base64').toString()).toBe('trace-1');
    expect(JSON.stringify(rows[1]?.reason)).toContain('email is not an accepted property');

    const admin = kafka.admin();
    await admin.connect();
    await eventually(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [spec.topic] });
      expect(offsets?.partitions[0]?.offset).toBe('5');
    });
    await admin.disconnect();
    await app.close();
  });

  it('commits a malformed message only once it is kept: while the database refuses it, nothing moves on', async () => {
    const topic: TopicSpec = { topic: `test.consumer.unkept.${uniqueSuffix()}`, partitions: 1, compacted: false };
    const unkeptGroup = `test-group-${uniqueSuffix()}`;
    @Controller()
    class UnkeptConsumer {
      @EventPattern(topic.topic)
      handle(@Payload(new EventValidationPipe(AccessRecordedEvent)) event: AccessRecordedEvent): void {
        handled.push(event.accessId);
      }
    }
    @Module({ controllers: [UnkeptConsumer] })
    class UnkeptModule {}
    const module = await Test.createTestingModule({ imports: [UnkeptModule] }).compile();
    const app = module.createNestMicroservice({ strategy: new KafkaEventServer({ kafka, groupId: unkeptGroup, topics: [topic], deadLetters: new DeadLetterStore(dataSource) }) });
    const after = sampleAccessEvent();
    await dataSource.query(`ALTER TABLE dead_letters RENAME TO dead_letters_away`);
    try {
      await app.listen();
      await eventually(async () => expect((await kafka.admin().listTopics()).includes(topic.topic)).toBe(true));
      const producer = createReliableProducer(kafka);
      await producer.connect();
      await producer.send({ topic: topic.topic, messages: [{ key: 'unkept', value: 'not json' }, { key: after.accessId, value: JSON.stringify(after) }] });
      await producer.disconnect();

      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(handled).not.toContain(after.accessId);
      expect(await readWholeTopic(kafka, deadLetterTopic(topic.topic))).toEqual([]);
    } finally {
      await dataSource.query(`ALTER TABLE dead_letters_away RENAME TO dead_letters`);
    }
    await eventually(() => expect(handled).toContain(after.accessId), { timeoutMs: 60_000 });
    const [reference] = await eventually(async () => {
      const messages = await readWholeTopic(kafka, deadLetterTopic(topic.topic));
      expect(messages).toHaveLength(1);
      return messages;
    });
    const [row] = await dataSource.query(`SELECT id FROM dead_letters WHERE topic = $1`, [topic.topic]);
    expect(JSON.parse(reference?.value ?? '{}')).toMatchObject({ deadLetterId: row.id, key: 'unkept', offset: '0' });
    await app.close();
  }, 120_000);
});
