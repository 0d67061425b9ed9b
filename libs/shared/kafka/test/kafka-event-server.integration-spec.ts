import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AccessRecordedEvent, deadLetterTopic, type TopicSpec } from '@registry/contracts';
import { eventually, readWholeTopic, sampleAccessEvent, testKafka, uniqueSuffix } from '@registry/testing';
import { createKafka, createReliableProducer, EventValidationPipe, KafkaEventServer } from '../src';

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

  it('dead-letters a malformed message, retries a failed one, and commits only what it handled', async () => {
    const module = await Test.createTestingModule({ imports: [RecordingModule] }).compile();
    const app = module.createNestMicroservice({ strategy: new KafkaEventServer({ kafka, groupId, topics: [spec] }) });
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
        { key: 'bad-json', value: '{"eventId": ' },
        { key: 'extra-field', value: JSON.stringify({ ...sampleAccessEvent(), email: 'someone@example.com' }) },
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
    expect(String(dead[1]?.headers?.['dlq-problems'])).toContain('email is not an accepted property');

    const admin = kafka.admin();
    await admin.connect();
    await eventually(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [spec.topic] });
      expect(offsets?.partitions[0]?.offset).toBe('5');
    });
    await admin.disconnect();
    await app.close();
  });
});
