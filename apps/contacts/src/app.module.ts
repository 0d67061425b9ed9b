import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@registry/auth';
import { TOPIC_SPECS } from '@registry/contracts';
import { kafkaConnectionFrom, KafkaModule, OutboxRelayModule } from '@registry/kafka';
import { HealthModule } from '@registry/platform';
import type { ContactsSettings } from './config/env.validation';
import { ContactsModule } from './contacts/contacts.module';
import { contactsDatabaseOptions } from './database/data-source';
import { RightsModule } from './rights/rights.module';

@Module({})
export class AppModule {
  static register(settings: ContactsSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(contactsDatabaseOptions(settings.DATABASE_URL, settings.DB_MIGRATE_ON_START)),
        KafkaModule.register(kafkaConnectionFrom(settings, 'contacts')),
        OutboxRelayModule.register({
          name: 'contacts',
          topics: [TOPIC_SPECS.contact],
          pollIntervalMs: settings.OUTBOX_POLL_MS,
          batchSize: settings.OUTBOX_BATCH_SIZE,
          retentionHours: 24 * 7,
        }),
        AuthModule.register({ secret: settings.JWT_SECRET }),
        HealthModule,
        ContactsModule.register({ suppressionSecret: settings.SUPPRESSION_HMAC_SECRET }),
        RightsModule.register({
          overdueDays: settings.REQUEST_OVERDUE_DAYS,
          sharingUrl: settings.SHARING_URL,
          auditUrl: settings.AUDIT_URL,
          jwtSecret: settings.JWT_SECRET,
        }),
      ],
    };
  }
}
