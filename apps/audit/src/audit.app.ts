import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPIC_SPECS, withPartitions } from '@registry/contracts';
import { ConsumerReadiness, DeadLetterStore, KAFKA, KafkaEventServer, TOPIC_REPLICATION, type TopicReplication } from '@registry/kafka';
import { ServiceMetrics } from '@registry/metrics';
import { createHttpApp } from '@registry/platform';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AuditSettings } from './config/env.validation';
import { migrateAuditDatabase } from './database/data-source';

export interface AuditAppOptions {
  /** Consume the access, provision and register topics (the default); tests of the chain alone turn it off. */
  consume?: boolean;
}

export async function createAuditApp(settings: AuditSettings, { consume = true }: AuditAppOptions = {}): Promise<NestFastifyApplication> {
  if (settings.DB_MIGRATE_ON_START) await migrateAuditDatabase(settings.DATABASE_URL);
  const app = await createHttpApp(AppModule.register(settings), {
    service: 'audit',
    title: 'Audit',
    description: 'The administrator’s tamper-evident record of every cross-company access, granted or refused, and of every provision.',
    logLevel: settings.LOG_LEVEL,
  });
  if (!consume) return app;
  app.connectMicroservice({
    strategy: new KafkaEventServer({
      kafka: app.get<Kafka>(KAFKA),
      groupId: settings.KAFKA_CONSUMER_GROUP,
      topics: [
        withPartitions(TOPIC_SPECS.access, settings.KAFKA_TOPIC_PARTITIONS),
        withPartitions(TOPIC_SPECS.provision, settings.KAFKA_TOPIC_PARTITIONS),
        TOPIC_SPECS.companyRegister,
      ],
      deadLetters: new DeadLetterStore(app.get(DataSource)),
      partitionsConsumedConcurrently: settings.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
      readiness: app.get(ConsumerReadiness),
      onDeadLettered: app.get(ServiceMetrics).countDeadLetter,
      replication: app.get<TopicReplication | null>(TOPIC_REPLICATION) ?? undefined,
    }),
  });
  await app.startAllMicroservices();
  return app;
}
