import type { Admin, Kafka } from 'kafkajs';
import { Cached } from './cached';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages on the partition after the group's committed offset. */
  lag: number;
}

/** Where a partition ends and starts (kafkajs' fetchTopicOffsets) and where the group stands (fetchOffsets). */
export interface PartitionOffsets {
  partition: number;
  high: string;
  low: string;
}
export interface CommittedOffset {
  partition: number;
  /** '-1' while the group has committed nothing on the partition. */
  offset: string;
}

/**
 * The lag of each partition of a topic: its end offset minus the group's committed offset. A group that has
 * committed nothing on a partition consumes it from the beginning, so all it still holds is lag.
 */
export function partitionLags(topic: string, ends: readonly PartitionOffsets[], committed: readonly CommittedOffset[]): PartitionLag[] {
  const byPartition = new Map(committed.map((entry) => [entry.partition, BigInt(entry.offset)]));
  return ends
    .map(({ partition, high, low }) => {
      const at = byPartition.get(partition) ?? -1n;
      const from = at < 0n ? BigInt(low) : at;
      const lag = BigInt(high) - from;
      return { topic, partition, lag: Number(lag > 0n ? lag : 0n) };
    })
    .sort((a, b) => a.partition - b.partition);
}

const CALL_TIMEOUT_MS = 3000;

/**
 * Reads a consumer group's lag from the broker with an admin client of its own, at most once per `cacheMs`
 * however often it is scraped. The group's view on the broker, so every replica reports the whole group.
 */
export class ConsumerLagReader {
  private admin: Admin | null = null;
  private readonly cached: Cached<PartitionLag[]>;
  private inFlight: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    private readonly topics: readonly string[],
    cacheMs: number,
  ) {
    this.cached = new Cached(cacheMs, () => this.read());
  }

  lags(): Promise<PartitionLag[]> {
    return this.cached.get();
  }

  /** Waits for a reading under way (it is bounded by the call timeouts), then lets go of the broker. */
  async close(): Promise<void> {
    this.closed = true;
    await this.inFlight.catch(() => undefined);
    await this.disconnect();
  }

  private async read(): Promise<PartitionLag[]> {
    if (this.closed) throw new Error('the consumer lag reader is closed');
    const reading = this.readFromBroker();
    this.inFlight = reading;
    try {
      return await reading;
    } catch (error) {
      await this.disconnect();
      throw error;
    }
  }

  private async readFromBroker(): Promise<PartitionLag[]> {
    const admin = await this.connected();
    // Only topics that exist: kafkajs retries a call about an unknown topic for seconds. One not created yet has no lag.
    const existing = new Set(await withTimeout(admin.listTopics()));
    const topics = this.topics.filter((topic) => existing.has(topic));
    if (topics.length === 0) return [];
    const committed = await withTimeout(admin.fetchOffsets({ groupId: this.groupId, topics }));
    const lags = await Promise.all(
      topics.map(async (topic) => {
        const ends = await withTimeout(admin.fetchTopicOffsets(topic));
        return partitionLags(topic, ends, committed.find((entry) => entry.topic === topic)?.partitions ?? []);
      }),
    );
    return lags.flat();
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin;
      await withTimeout(admin.connect());
    }
    return this.admin;
  }

  private async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms = CALL_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the broker within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
