import type { TopicSpec } from '@registry/contracts';
import { readWholeTopic, testKafka, uniqueSuffix } from '@registry/testing';
import { Partitioners } from 'kafkajs';
import { createKafka, createReliableProducer, ensureTopics } from '../src';

/**
 * kafkajs 2.2.4 retries a send that reached several leaders only towards those that had not answered, so a
 * partition whose leadership moved to a leader that had answered is left out of the retry while the send reports
 * success. The reliable producer avoids that by sending each partition's messages as a produce request of its own;
 * the failover on a cluster is cluster-failover.integration-spec.ts.
 */
describe('the reliable producer', () => {
  const kafka = createKafka(testKafka('reliable-producer-test'));
  const spec: TopicSpec = { topic: `test.reliable.${uniqueSuffix()}`, partitions: 3, compacted: false };

  beforeAll(async () => {
    await ensureTopics(kafka, [spec]);
  });

  it('sends one produce request per partition, each message to the partition of its key, all acknowledged', async () => {
    const producer = createReliableProducer(kafka);
    const requests: { apiName: string }[] = [];
    producer.on(producer.events.REQUEST, ({ payload }) => requests.push(payload));
    await producer.connect();
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));
    const expected = new Map(keys.map((key) => [key, partitioner({ topic: spec.topic, partitionMetadata, message: { key, value: key } })]));
    expect(new Set(expected.values()).size).toBe(3);

    const produceBefore = requests.filter((request) => request.apiName === 'Produce').length;
    const metadata = await producer.send({ topic: spec.topic, acks: -1, messages: keys.map((key) => ({ key, value: key })) });
    const produced = requests.filter((request) => request.apiName === 'Produce').length - produceBefore;
    await producer.disconnect();

    // A plain kafkajs producer sends these to the one broker as a single request; this one sends three.
    expect(produced).toBe(3);
    expect(metadata.map((entry) => entry.partition).sort()).toEqual([0, 1, 2]);
    const messages = await readWholeTopic(kafka, spec.topic);
    expect(messages).toHaveLength(keys.length);
    for (const message of messages) expect(message.partition).toBe(expected.get(message.key ?? ''));
  });
});
