import type { TopicSpec } from '@registry/contracts';
import type { Kafka } from 'kafkajs';

/** Creates the topics that do not exist yet, with their cleanup policy; leaves existing ones alone. */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        configEntries: [
          { name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' },
          ...(spec.keepForever ? [{ name: 'retention.ms', value: '-1' }] : []),
        ],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
