import type { Admin, Kafka } from 'kafkajs';

/** Answers whether the broker is reachable now, for readiness checks. */
export class KafkaProbe {
  private admin: Admin | null = null;

  constructor(private readonly kafka: Kafka) {}

  async reachable(timeoutMs = 2000): Promise<boolean> {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await withTimeout(this.admin.connect(), timeoutMs);
      }
      await withTimeout(this.admin.describeCluster(), timeoutMs);
      return true;
    } catch {
      await this.close();
      return false;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
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
