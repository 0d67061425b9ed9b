import { Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { TopicReplication } from './ensure-topics';
import { KAFKA, TOPIC_REPLICATION } from './kafka.module';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

/** Runs the service's outbox relay from application start to shutdown. */
@Module({})
export class OutboxRelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  static register(options: OutboxRelayOptions): DynamicModule {
    return {
      module: OutboxRelayModule,
      providers: [
        {
          provide: OutboxRelay,
          inject: [DataSource, KAFKA, TOPIC_REPLICATION],
          useFactory: (dataSource: DataSource, kafka: Kafka, replication: TopicReplication | null) =>
            new OutboxRelay(dataSource, kafka, { replication: replication ?? undefined, ...options }),
        },
      ],
      exports: [OutboxRelay],
    };
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
