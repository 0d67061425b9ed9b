import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JOINT_USE_NOTICE } from '@registry/policy';
import { postgresOptions, type DatabaseOptions } from '@registry/persistence';
import { bearer, createTestDatabase, sampleAccessEvent, startInProcess, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { CreateAudit1732406400000 } from '../src/database/migrations/1732406400000-create-audit';
import { ProvisionRecords1732579200000 } from '../src/database/migrations/1732579200000-provision-records';
import { TamperEvidentChains1732752000000 } from '../src/database/migrations/1732752000000-tamper-evident-chains';
import { auditTestSettings } from './audit-test-settings';

// Records stored before the chains existed are linked into them by the chain migration, with no notice version.

const admin = bearer('admin', 'GROUP-HD');
const company = `OLD-${uniqueSuffix()}`;

async function migrate(url: string, migrations: Extract<DatabaseOptions['migrations'], unknown[]>): Promise<void> {
  const dataSource = new DataSource(postgresOptions({ url, entities: [], migrations, migrateOnStart: false }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`);
    expect(n).toBe(migrations.length);
  } finally {
    await dataSource.destroy();
  }
}

describe('the chain migration over records kept before it', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const contactId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase('audit_migration');
    await migrate(database.url, [CreateAudit1732406400000, ProvisionRecords1732579200000]);
    const before = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: [], migrateOnStart: false }));
    await before.initialize();
    try {
      await before.query(
        `INSERT INTO access_records (event_id, access_id, company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at)
         VALUES ($1, $2, $3, 'crm-sync', 'READ_CONTACT', 'MARKETING', ARRAY[$4]::uuid[], 'GRANTED', NULL, now() - interval '1 day')`,
        [randomUUID(), randomUUID(), company, contactId],
      );
      await before.query(
        `INSERT INTO provision_records (event_id, provision_id, company_code, contact_id, version, kind, purposes, provided_at)
         VALUES ($1, $2, $3, $4, 1, 'DELIVERED', ARRAY['MARKETING'], now() - interval '2 days')`,
        [randomUUID(), randomUUID(), company, contactId],
      );
    } finally {
      await before.destroy();
    }
    await migrate(database.url, [CreateAudit1732406400000, ProvisionRecords1732579200000, TamperEvidentChains1732752000000]);
    app = await startInProcess((settings) => createAuditApp(settings, { consume: false }), auditTestSettings(database.url));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('chains them with no notice version, and the chains verify', async () => {
    await app.get(AccessRecordsService).ingest([sampleAccessEvent({ companyCode: company, contactIds: [contactId] })]);
    const get = async (url: string) => (await app.inject({ method: 'GET', url, headers: { authorization: admin } })).json();

    const { records } = await get(`/audit/accesses?companyCode=${company}`);
    expect(records.map((record: { noticeVersion: string | null }) => record.noticeVersion)).toEqual([JOINT_USE_NOTICE.version, null]);
    const recordOfProvision = await get(`/audit/contacts/${contactId}/record-of-provision`);
    expect(recordOfProvision.provisions).toEqual([expect.objectContaining({ companyCode: company, noticeVersion: null })]);
    expect(recordOfProvision.accesses.map((access: { noticeVersion: string | null }) => access.noticeVersion)).toEqual([null, JOINT_USE_NOTICE.version]);

    const report = await get('/audit/verify?full=true');
    expect(report.status).toBe('INTACT');
  });
});
