import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: KafkaMessage['headers'];
}

/** Reads every message a topic holds now, from the beginning of each partition up to its end. */
export async function readWholeTopic(kafka: Kafka, topic: string, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  let offsets: Awaited<ReturnType<typeof admin.fetchTopicOffsets>>;
  try {
    offsets = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  const starts = new Map(offsets.map((p) => [p.partition, BigInt(p.low)]));
  const remaining = new Set([...ends].filter(([partition, high]) => high > (starts.get(partition) ?? 0n)).map(([partition]) => partition));
  const messages: ReadMessage[] = [];
  if (remaining.size === 0) return messages;

  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: message.headers,
          });
          if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
