import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, identityProviderOptions, serviceCallerTrust } from '@registry/auth';
import { companyTopic, companyTopicSpec, TOPIC_SPECS } from '@registry/contracts';
import { KafkaModule, OutboxRelayModule } from '@registry/kafka';
import { HealthModule } from '@registry/platform';
import { CompaniesModule } from './companies/companies.module';
import { GroupCompanyRegisterCheck } from './companies/company-register.check';
import type { SharingSettings } from './config/env.validation';
import { sharingDatabaseOptions } from './database/data-source';
import { NoticeModule } from './notice/notice.module';
import { ProjectionModule } from './projection/projection.module';
import { SharedContactsModule } from './shared-contacts/shared-contacts.module';
import { SuspensionsModule } from './suspensions/suspensions.module';

/** The spec of a group company's topic, recognised by its name. */
function companyTopicSpecFor(topic: string) {
  const code = /^sharing\.company\.(.+)\.v1$/.exec(topic)?.[1];
  return code && companyTopic(code) === topic ? companyTopicSpec(code) : undefined;
}

@Module({})
export class AppModule {
  static register(settings: SharingSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(sharingDatabaseOptions(settings.DATABASE_URL, settings.DB_MIGRATE_ON_START)),
        KafkaModule.register({ brokers: settings.KAFKA_BROKERS, clientId: 'sharing' }),
        OutboxRelayModule.register({
          name: 'sharing',
          topics: [TOPIC_SPECS.access, TOPIC_SPECS.companyRegister, TOPIC_SPECS.provision],
          topicSpecFor: companyTopicSpecFor,
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
        CompaniesModule.register({ seedDevCompanies: settings.SEED_DEV_COMPANIES }),
        NoticeModule,
        ProjectionModule,
        SharedContactsModule.register({ statisticsMinCell: settings.STATISTICS_MIN_CELL }),
        SuspensionsModule,
      ],
    };
  }
}
