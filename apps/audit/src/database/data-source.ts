import { postgresOptions } from '@registry/persistence';
import { DataSource } from 'typeorm';
import { AccessRecordEntity } from '../accesses/access-record.entity';
import { CreateAudit1732406400000 } from './migrations/1732406400000-create-audit';
import { ProvisionRecords1732579200000 } from './migrations/1732579200000-provision-records';
import { ProvisionRecordEntity } from '../provisions/provision-record.entity';

export function auditDatabaseOptions(url: string, migrateOnStart: boolean) {
  return postgresOptions({ url, entities: [AccessRecordEntity, ProvisionRecordEntity], migrations: [CreateAudit1732406400000, ProvisionRecords1732579200000], migrateOnStart });
}

// For the TypeORM CLI (migration:show, migration:revert).
export default new DataSource(auditDatabaseOptions(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/registry_audit', false));
