import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka, type KafkaConnection } from './kafka-client';
import { ConsumerReadiness } from './consumer-readiness';
import { KafkaProbe } from './kafka-probe';

export const KAFKA = Symbol('KAFKA');

/** Provides the service's kafkajs client (inject with @Inject(KAFKA)), a reachability probe, and where its consumers report readiness. */
@Global()
@Module({})
export class KafkaModule implements OnApplicationShutdown {
  constructor(@Inject(KafkaProbe) private readonly probe: KafkaProbe) {}

  static register(connection: KafkaConnection): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA, useValue: createKafka(connection) },
        { provide: KafkaProbe, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaProbe(kafka) },
        { provide: ConsumerReadiness, useValue: new ConsumerReadiness() },
      ],
      exports: [KAFKA, KafkaProbe, ConsumerReadiness],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.probe.close();
  }
}
