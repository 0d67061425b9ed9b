import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { initializeDataSource, ProcessedEventsPruningModule } from '@registry/persistence';
import type { DataSourceOptions } from 'typeorm';
import { AuthModule, identityProviderOptions, serviceCallerTrust } from '@registry/auth';
import { companyTopic, companyTopicSpec, TOPIC_SPECS, withPartitions } from '@registry/contracts';
import { kafkaConnectionFrom, KafkaModule, OutboxRelayModule } from '@registry/kafka';
import { MetricsModule } from '@registry/metrics';
import { HealthModule } from '@registry/platform';
import { CompaniesModule } from './companies/companies.module';
import { GroupCompanyRegisterCheck } from './companies/company-register.check';
import { CompanySyncModule } from './company-sync/company-sync.module';
import type { SharingSettings } from './config/env.validation';
import { sharingDatabaseOptions } from './database/data-source';
import type { NoticeRevisions } from '@registry/policy';
import { NoticeModule } from './notice/notice.module';
import { NoticeSourceModule } from './notice/notice-source.module';
import { ProjectionModule } from './projection/projection.module';
import { SharedContactsModule } from './shared-contacts/shared-contacts.module';
import { RecordKeysModule } from './statistics/record-keys.module';
import { SuspensionsModule } from './suspensions/suspensions.module';

/** The spec of a group company's topic, recognised by its name. */
function companyTopicSpecFor(partitions: number) {
  return (topic: string) => {
    const code = /^sharing\.company\.(.+)\.v1$/.exec(topic)?.[1];
    return code && companyTopic(code) === topic ? companyTopicSpec(code, partitions) : undefined;
  };
}

@Module({})
export class AppModule {
  /** `noticeRevisions`: the notice revisions to decide by, when not the published ones (tests). */
  static register(settings: SharingSettings, noticeRevisions?: NoticeRevisions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        NoticeSourceModule.register(noticeRevisions),
        TypeOrmModule.forRootAsync({
          useFactory: () => sharingDatabaseOptions(settings.DATABASE_URL, settings.DB_MIGRATE_ON_START),
          dataSourceFactory: (options) => initializeDataSource(options as DataSourceOptions),
        }),
        KafkaModule.register(kafkaConnectionFrom(settings, 'sharing')),
        ProcessedEventsPruningModule.register({ retentionDays: settings.PROCESSED_EVENTS_RETENTION_DAYS }),
        OutboxRelayModule.register({
          name: 'sharing',
          topics: [
            withPartitions(TOPIC_SPECS.access, settings.KAFKA_TOPIC_PARTITIONS),
            TOPIC_SPECS.companyRegister,
            withPartitions(TOPIC_SPECS.provision, settings.KAFKA_TOPIC_PARTITIONS),
          ],
          topicSpecFor: companyTopicSpecFor(settings.KAFKA_TOPIC_PARTITIONS),
          pollIntervalMs: settings.OUTBOX_POLL_MS,
          batchSize: settings.OUTBOX_BATCH_SIZE,
          retentionHours: 24 * 7,
        }),
        AuthModule.register({
          identityProvider: identityProviderOptions(settings),
          companyRegister: GroupCompanyRegisterCheck,
          serviceCaller: serviceCallerTrust(settings),
        }),
        HealthModule,
        MetricsModule.register({
          service: 'sharing',
          token: settings.METRICS_TOKEN,
          outbox: true,
          consumer: { groupId: settings.KAFKA_CONSUMER_GROUP, topics: [TOPIC_SPECS.contact.topic] },
        }),
        CompaniesModule.register({
          seedDevCompanies: settings.SEED_DEV_COMPANIES,
          credentialsAdmin: kafkaConnectionFrom(
            { ...settings, KAFKA_USERNAME: settings.KAFKA_CREDENTIALS_ADMIN_USERNAME, KAFKA_PASSWORD: settings.KAFKA_CREDENTIALS_ADMIN_PASSWORD },
            'sharing-credentials',
          ),
          companyBootstrapServers: settings.KAFKA_COMPANY_BOOTSTRAP_SERVERS ?? settings.KAFKA_BROKERS,
          accessReconcileIntervalMs: settings.KAFKA_ACCESS_RECONCILE_SECONDS * 1000,
        }),
        CompanySyncModule.register({
          batchSize: settings.COMPANY_SYNC_BATCH_SIZE,
          pollIntervalMs: settings.COMPANY_SYNC_POLL_MS,
          checkIntervalMs: settings.ELIGIBILITY_CHECK_INTERVAL_SECONDS * 1000,
        }),
        NoticeModule,
        ProjectionModule,
        RecordKeysModule.register({ secret: settings.STATISTICS_CELL_KEY_SECRET }),
        SharedContactsModule.register({ statisticsMinCell: settings.STATISTICS_MIN_CELL }),
        SuspensionsModule,
      ],
    };
  }
}
