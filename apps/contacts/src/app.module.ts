import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { initializeDataSource } from '@registry/persistence';
import type { DataSourceOptions } from 'typeorm';
import { AuthModule, identityProviderOptions, readPrivateKey, ServiceTokenSigner } from '@registry/auth';
import { TOPIC_SPECS, withPartitions } from '@registry/contracts';
import { kafkaConnectionFrom, KafkaModule, OutboxRelayModule } from '@registry/kafka';
import { MetricsModule } from '@registry/metrics';
import { ProcessedEventsPruningModule } from '@registry/persistence';
import { HealthModule } from '@registry/platform';
import type { ContactsSettings } from './config/env.validation';
import { CardImagesModule } from './card-images/card-images.module';
import { ContactsModule } from './contacts/contacts.module';
import { contactsDatabaseOptions } from './database/data-source';
import { CopiedCompanyRegisterCheck } from './company-register/company-register.check';
import { CompanyRegisterModule } from './company-register/company-register.module';
import { RightsModule } from './rights/rights.module';
import { ServiceIdentityModule } from './service-identity/service-identity.module';

@Module({})
export class AppModule {
  static register(settings: ContactsSettings): DynamicModule {
    const serviceKey = readPrivateKey(settings.AUTH_SERVICE_SIGNING_KEY);
    const contacts = ContactsModule.register({ suppressionSecret: settings.SUPPRESSION_HMAC_SECRET, idempotencyRetentionHours: settings.IDEMPOTENCY_KEY_RETENTION_HOURS });
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => contactsDatabaseOptions(settings.DATABASE_URL, settings.DB_MIGRATE_ON_START),
          dataSourceFactory: (options) => initializeDataSource(options as DataSourceOptions),
        }),
        KafkaModule.register(kafkaConnectionFrom(settings, 'contacts')),
        ProcessedEventsPruningModule.register({ retentionDays: settings.PROCESSED_EVENTS_RETENTION_DAYS }),
        OutboxRelayModule.register({
          name: 'contacts',
          topics: [withPartitions(TOPIC_SPECS.contact, settings.KAFKA_TOPIC_PARTITIONS)],
          pollIntervalMs: settings.OUTBOX_POLL_MS,
          batchSize: settings.OUTBOX_BATCH_SIZE,
          retentionHours: 24 * 7,
        }),
        AuthModule.register({ identityProvider: identityProviderOptions(settings), companyRegister: CopiedCompanyRegisterCheck }),
        HealthModule,
        MetricsModule.register({
          service: 'contacts',
          token: settings.METRICS_TOKEN,
          outbox: true,
          consumer: { groupId: settings.KAFKA_CONSUMER_GROUP, topics: [TOPIC_SPECS.companyRegister.topic] },
        }),
        CompanyRegisterModule,
        contacts,
        CardImagesModule,
        ServiceIdentityModule.register({ privateKey: serviceKey }),
        RightsModule.register({
          contacts,
          overdueDays: settings.REQUEST_OVERDUE_DAYS,
          retention: { inactiveYears: settings.RETENTION_INACTIVE_YEARS, postponeDays: settings.RETENTION_DISMISSAL_POSTPONE_DAYS },
          sharingUrl: settings.SHARING_URL,
          auditUrl: settings.AUDIT_URL,
          serviceTokens: new ServiceTokenSigner({ service: settings.AUTH_SERVICE_NAME, privateKey: serviceKey }),
          sharingAudience: settings.SHARING_AUTH_AUDIENCE,
          auditAudience: settings.AUDIT_AUTH_AUDIENCE,
          recordOfProvisionLimit: settings.DISCLOSURE_RECORD_LIMIT,
        }),
      ],
    };
  }
}
