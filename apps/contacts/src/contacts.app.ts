import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TOPIC_SPECS } from '@registry/contracts';
import { ConsumerReadiness, DeadLetterStore, KAFKA, KafkaEventServer, TOPIC_REPLICATION, type TopicReplication } from '@registry/kafka';
import { ServiceMetrics } from '@registry/metrics';
import { acceptRawBody, createHttpApp } from '@registry/platform';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { CARD_IMAGE_MAX_BYTES, CARD_IMAGE_TYPES_WORDING } from './card-images/card-image-content';
import { CARD_IMAGE_MEDIA_TYPES } from './card-images/card-image.entity';
import { CARD_IMAGE_ROUTE } from './card-images/card-images.controller';
import type { ContactsSettings } from './config/env.validation';

export async function createContactsApp(settings: ContactsSettings): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(settings), {
    service: 'contacts',
    title: 'Contacts',
    description: 'Intake of business contacts by sales staff. Intake-only fields (memo, card image, acquiring staff) never leave this service.',
    logLevel: settings.LOG_LEVEL,
  });
  acceptRawBody(app, {
    method: 'PUT',
    url: CARD_IMAGE_ROUTE,
    mediaTypes: CARD_IMAGE_MEDIA_TYPES,
    limitBytes: CARD_IMAGE_MAX_BYTES,
    refusals: {
      tooLarge: `A card image may be at most ${CARD_IMAGE_MAX_BYTES} bytes (5 MiB); send a smaller scan.`,
      unsupportedMediaType: `A card image is sent as the raw file with content-type ${CARD_IMAGE_TYPES_WORDING}.`,
    },
  });
  // Contacts' copy of the group company register, against which a caller's company is checked.
  app.connectMicroservice({
    strategy: new KafkaEventServer({
      kafka: app.get<Kafka>(KAFKA),
      groupId: settings.KAFKA_CONSUMER_GROUP,
      topics: [TOPIC_SPECS.companyRegister],
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
