import { postgresOptions } from '@registry/persistence';
import { DataSource } from 'typeorm';
import { GroupCompanyChangeEntity } from '../companies/group-company-change.entity';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { CompanySyncJobEntity } from '../company-sync/company-sync-job.entity';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import { CreateSharing1732406400000 } from './migrations/1732406400000-create-sharing';
import { CompanyRegisterHistory1732492800000 } from './migrations/1732492800000-company-register-history';
import { Deliveries1732579200000 } from './migrations/1732579200000-deliveries';
import { SubjectStatusAndErasure1732838400000 } from './migrations/1732838400000-subject-status-and-erasure';
import { CompanySyncJobs1732924800000 } from './migrations/1732924800000-company-sync-jobs';
import { DeadLetters1732928400000 } from './migrations/1732928400000-dead-letters';
import { CompanyKafkaCredentials1733097600000 } from './migrations/1733097600000-company-kafka-credentials';
import { StatisticsCellKeySecret1733184000000 } from './migrations/1733184000000-statistics-cell-key-secret';
import { ContactNoticeVersion1733270400000 } from './migrations/1733270400000-contact-notice-version';
import { ProcessedEventsByTime1733443200000 } from './migrations/1733443200000-processed-events-by-time';
import { OrganizationSubstringIndex1733500000000 } from './migrations/1733500000000-organization-substring-index';
import { OutboxTraceContext1733529600000 } from './migrations/1733529600000-outbox-trace-context';
import { OutboxNotify1733616000000 } from './migrations/1733616000000-outbox-notify';
import { StatisticsRecordKeys1733616500000 } from './migrations/1733616500000-statistics-record-keys';
import { OrganizationNames1733702400000 } from './migrations/1733702400000-organization-names';
import { ForgetOrganizationNames1733788800000 } from './migrations/1733788800000-forget-organization-names';

export function sharingDatabaseOptions(url: string, migrateOnStart: boolean) {
  return postgresOptions({
    url,
    entities: [GroupCompanyEntity, GroupCompanyChangeEntity, SharedContactEntity, CompanySyncJobEntity],
    migrations: [
      CreateSharing1732406400000,
      CompanyRegisterHistory1732492800000,
      Deliveries1732579200000,
      SubjectStatusAndErasure1732838400000,
      CompanySyncJobs1732924800000,
      DeadLetters1732928400000,
      CompanyKafkaCredentials1733097600000,
      StatisticsCellKeySecret1733184000000,
      ContactNoticeVersion1733270400000,
      ProcessedEventsByTime1733443200000,
      OrganizationSubstringIndex1733500000000,
      OutboxTraceContext1733529600000,
      OutboxNotify1733616000000,
      StatisticsRecordKeys1733616500000,
      OrganizationNames1733702400000,
      ForgetOrganizationNames1733788800000,
    ],
    migrateOnStart,
  });
}

// For the TypeORM CLI (migration:show, migration:revert).
export default new DataSource(
  sharingDatabaseOptions(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/registry_sharing', false),
);
