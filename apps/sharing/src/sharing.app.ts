import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPIC_SPECS } from '@registry/contracts';
import { DeadLetterStore, KAFKA, KafkaEventServer, TOPIC_REPLICATION, type TopicReplication } from '@registry/kafka';
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
      topics: [TOPIC_SPECS.contact],
      deadLetters: new DeadLetterStore(app.get(DataSource)),
      replication: app.get<TopicReplication | null>(TOPIC_REPLICATION) ?? undefined,
    }),
  });
  await app.startAllMicroservices();
  return app;
}
