import { postgresOptions, runMigrationsExclusively } from '@registry/persistence';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ProvisionRecordEntity } from '../provisions/provision-record.entity';
import { AUDIT_SERVICE_ROLE } from './audit-service-role';
import { CreateAudit1732406400000 } from './migrations/1732406400000-create-audit';
import { ProvisionRecords1732579200000 } from './migrations/1732579200000-provision-records';
import { TamperEvidentChains1732752000000 } from './migrations/1732752000000-tamper-evident-chains';
import { DeadLetters1732928400000 } from './migrations/1732928400000-dead-letters';
import { RegisterCredentials1733097600000 } from './migrations/1733097600000-register-credentials';
import { PersonsAggregated1733184000000 } from './migrations/1733184000000-persons-aggregated';
import { AcquisitionNoticeVersion1733270400000 } from './migrations/1733270400000-acquisition-notice-version';
import { ChainOperations1733443200000 } from './migrations/1733443200000-chain-operations';
import { OutboxTraceContext1733529600000 } from './migrations/1733529600000-outbox-trace-context';

const migrations = [
  CreateAudit1732406400000,
  ProvisionRecords1732579200000,
  TamperEvidentChains1732752000000,
  DeadLetters1732928400000,
  RegisterCredentials1733097600000,
  PersonsAggregated1733184000000,
  AcquisitionNoticeVersion1733270400000,
  ChainOperations1733443200000,
  OutboxTraceContext1733529600000,
];

/** As the database owner: for migrations only. */
function ownerOptions(url: string): DataSourceOptions {
  return postgresOptions({ url, entities: [ProvisionRecordEntity], migrations, migrateOnStart: false });
}

/** What the running service uses: every pooled connection acts as the role that may only insert and read audit records. */
export function auditDatabaseOptions(url: string): DataSourceOptions {
  const options = ownerOptions(url);
  return { ...options, extra: { ...(options.extra as object), options: `-c role=${AUDIT_SERVICE_ROLE}` } } as DataSourceOptions;
}

/** Runs pending migrations as the owner, under the migration lock, before the service connects as its restricted role. */
export async function migrateAuditDatabase(url: string): Promise<void> {
  const dataSource = new DataSource(ownerOptions(url));
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

// For the TypeORM CLI (migration:show, migration:revert), as the owner.
export default new DataSource(ownerOptions(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/registry_audit'));
