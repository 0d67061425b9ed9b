import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPIC_SPECS, withPartitions } from '@registry/contracts';
import { ConsumerReadiness, DeadLetterStore, KAFKA, KafkaEventServer, TOPIC_REPLICATION, type TopicReplication } from '@registry/kafka';
import { ServiceMetrics } from '@registry/metrics';
import { createHttpApp } from '@registry/platform';
import type { NoticeRevisions } from '@registry/policy';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { SharingSettings } from './config/env.validation';

/** `options.noticeRevisions`: decide by these notice revisions instead of the published ones (tests). */
export async function createSharingApp(settings: SharingSettings, options: { noticeRevisions?: NoticeRevisions } = {}): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(settings, options.noticeRevisions), {
    service: 'sharing',
    title: 'Sharing',
    description:
      'Joint use of business contacts by domestic group companies: only the allowed items, for a declared purpose of joint use; every access is recorded.',
    logLevel: settings.LOG_LEVEL,
  });
  app.connectMicroservice({
    strategy: new KafkaEventServer({
      kafka: app.get<Kafka>(KAFKA),
      groupId: settings.KAFKA_CONSUMER_GROUP,
      topics: [withPartitions(TOPIC_SPECS.contact, settings.KAFKA_TOPIC_PARTITIONS)],
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
