import type { TopicSpec } from '@registry/contracts';
import type { Kafka } from 'kafkajs';

/** How many copies of each partition a service's topics keep, and how many must have a write before it is acknowledged. */
export interface TopicReplication {
  replicationFactor: number;
  /** The topic's `min.insync.replicas`: with acks from all in-sync replicas, a write fails rather than land on fewer. */
  minInsyncReplicas: number;
}

/**
 * Creates the topics that do not exist yet, with their cleanup policy and, when given, their replication;
 * without it the broker's defaults apply. Leaves existing ones alone.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replication?: TopicReplication): Promise<void> {
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
        ...(replication ? { replicationFactor: replication.replicationFactor } : {}),
        configEntries: [
          { name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' },
          ...(spec.keepForever ? [{ name: 'retention.ms', value: '-1' }] : []),
          ...(replication ? [{ name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) }] : []),
        ],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
