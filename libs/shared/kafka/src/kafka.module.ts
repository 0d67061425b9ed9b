import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TopicReplication } from './ensure-topics';
import { createKafka, type KafkaConnection } from './kafka-client';
import { ConsumerReadiness } from './consumer-readiness';
import { KafkaProbe } from './kafka-probe';

export const KAFKA = Symbol('KAFKA');
/** The replication of the topics the service creates (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS), or null for the broker's defaults. */
export const TOPIC_REPLICATION = Symbol('TOPIC_REPLICATION');

/** Provides the service's kafkajs client (inject with @Inject(KAFKA)), its topics' replication, a reachability probe, and where its consumers report readiness. */
@Global()
@Module({})
export class KafkaModule implements OnApplicationShutdown {
  constructor(@Inject(KafkaProbe) private readonly probe: KafkaProbe) {}

  static register(connection: KafkaConnection): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA, useValue: createKafka(connection) },
        { provide: TOPIC_REPLICATION, useFactory: (): TopicReplication | null => connection.replication ?? null },
        { provide: KafkaProbe, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaProbe(kafka) },
        { provide: ConsumerReadiness, useValue: new ConsumerReadiness() },
      ],
      exports: [KAFKA, TOPIC_REPLICATION, KafkaProbe, ConsumerReadiness],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.probe.close();
  }
}
