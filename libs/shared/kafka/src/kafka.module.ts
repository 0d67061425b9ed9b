import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka, type KafkaConnection } from './kafka-client';
import { KafkaProbe } from './kafka-probe';

export const KAFKA = Symbol('KAFKA');

/** Provides the service's kafkajs client (inject with @Inject(KAFKA)) and a reachability probe. */
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
      ],
      exports: [KAFKA, KafkaProbe],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.probe.close();
  }
}
