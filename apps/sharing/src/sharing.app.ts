import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPIC_SPECS } from '@registry/contracts';
import { DeadLetterStore, KAFKA, KafkaEventServer } from '@registry/kafka';
import { ServiceMetrics } from '@registry/metrics';
import { createHttpApp } from '@registry/platform';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { SharingSettings } from './config/env.validation';

export async function createSharingApp(settings: SharingSettings): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(settings), {
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
      onDeadLettered: app.get(ServiceMetrics).countDeadLetter,
    }),
  });
  await app.startAllMicroservices();
  return app;
}
