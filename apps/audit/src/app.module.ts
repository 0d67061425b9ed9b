import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TOPIC_SPECS } from '@registry/contracts';
import { AuthModule, identityProviderOptions, serviceCallerTrust } from '@registry/auth';
import { kafkaConnectionFrom, KafkaModule, OutboxRelayModule } from '@registry/kafka';
import { MetricsModule } from '@registry/metrics';
import { HealthModule } from '@registry/platform';
import { AccessesModule } from './accesses/accesses.module';
import { AlertsModule } from './alerts/alerts.module';
import { ChainModule } from './chain/chain.module';
import { AuditedCompanyRegisterCheck } from './company-register/company-register.check';
import { CompanyRegisterModule } from './company-register/company-register.module';
import { AUDIT_SETTINGS } from './config/audit-settings.provider';
import type { AuditSettings } from './config/env.validation';
import { AuditMetricsModule } from './metrics/audit-metrics.module';
import { ProvisionsModule } from './provisions/provisions.module';
import { auditDatabaseOptions } from './database/data-source';

@Global()
@Module({})
class AuditSettingsModule {
  static register(settings: AuditSettings): DynamicModule {
    return { module: AuditSettingsModule, providers: [{ provide: AUDIT_SETTINGS, useValue: settings }], exports: [AUDIT_SETTINGS] };
  }
}

@Module({})
export class AppModule {
  static register(settings: AuditSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuditSettingsModule.register(settings),
        TypeOrmModule.forRoot(auditDatabaseOptions(settings.DATABASE_URL)),
        KafkaModule.register(kafkaConnectionFrom(settings, 'audit')),
        OutboxRelayModule.register({ name: 'audit', topics: [TOPIC_SPECS.alert, TOPIC_SPECS.checkpoint], pollIntervalMs: 500, batchSize: 100, retentionHours: 24 * 7 }),
        AuthModule.register({
          identityProvider: identityProviderOptions(settings),
          companyRegister: AuditedCompanyRegisterCheck,
          serviceCaller: serviceCallerTrust(settings),
        }),
        HealthModule,
        MetricsModule.register({
          service: 'audit',
          token: settings.METRICS_TOKEN,
          outbox: true,
          consumer: { groupId: settings.KAFKA_CONSUMER_GROUP, topics: [TOPIC_SPECS.access.topic, TOPIC_SPECS.provision.topic, TOPIC_SPECS.companyRegister.topic] },
        }),
        AuditMetricsModule,
        ChainModule,
        AlertsModule,
        AccessesModule,
        ProvisionsModule,
        CompanyRegisterModule,
      ],
    };
  }
}
