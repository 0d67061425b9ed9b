import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@registry/auth';
import { KafkaModule } from '@registry/kafka';
import { HealthModule } from '@registry/platform';
import { AccessesModule } from './accesses/accesses.module';
import type { AuditSettings } from './config/env.validation';
import { ProvisionsModule } from './provisions/provisions.module';
import { auditDatabaseOptions } from './database/data-source';

@Module({})
export class AppModule {
  static register(settings: AuditSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(auditDatabaseOptions(settings.DATABASE_URL, settings.DB_MIGRATE_ON_START)),
        KafkaModule.register({ brokers: settings.KAFKA_BROKERS, clientId: 'audit' }),
        AuthModule.register({ secret: settings.JWT_SECRET }),
        HealthModule,
        AccessesModule,
        ProvisionsModule,
      ],
    };
  }
}
