import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKafka } from '@registry/kafka';
import { bearer, companyRegisterChanged, createTestDatabase, eventually, publishRegisterChanges, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();

describe('audit: the company register chain', () => {
  const kafka = createKafka(testKafka('audit-register-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase('audit_register');
    app = await startInProcess(createAuditApp, auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-register-${suffix}` }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps the issuance and revocation of a company’s Kafka credentials beside older changes, and verifies them all', async () => {
    const code = `CRED-${suffix}`;
    const { change: _change, kafkaCredentials: _credentials, ...beforeCredentials } = companyRegisterChanged(code, { schemaVersion: 1 });
    await publishRegisterChanges(kafka, [
      beforeCredentials,
      companyRegisterChanged(code, { version: 2, change: 'KAFKA_CREDENTIALS_ISSUED', kafkaCredentials: 'ACTIVE', changedBy: 'admin-group-hd' }),
      companyRegisterChanged(code, { version: 3, change: 'KAFKA_CREDENTIALS_REVOKED', kafkaCredentials: 'REVOKED', changedBy: 'admin-group-hd' }),
    ]);
    const dataSource = app.get(DataSource);
    await eventually(
      async () =>
        expect(
          await dataSource.query(`SELECT version, change, kafka_credentials FROM company_register_records WHERE company_code = $1 ORDER BY version`, [code]),
        ).toEqual([
          { version: 1, change: null, kafka_credentials: null },
          { version: 2, change: 'KAFKA_CREDENTIALS_ISSUED', kafka_credentials: 'ACTIVE' },
          { version: 3, change: 'KAFKA_CREDENTIALS_REVOKED', kafka_credentials: 'REVOKED' },
        ]),
      { timeoutMs: 60_000 },
    );
    const verified = await app.inject({ method: 'GET', url: '/audit/verify?full=true', headers: { authorization: bearer('admin', 'GROUP-HD') } });
    expect(verified.json()).toMatchObject({ status: 'INTACT' });

    // A revocation rewritten as an issuance is found: the new fields are part of the hash. The edit is made as
    // the database owner with triggers bypassed, as someone with full access to the server could.
    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    const rewrite = async (state: string) => {
      await owner.query(`SET session_replication_role = replica`);
      await owner.query(`UPDATE company_register_records SET kafka_credentials = $2 WHERE company_code = $1 AND version = 3`, [code, state]);
      await owner.query(`SET session_replication_role = DEFAULT`);
    };
    try {
      await rewrite('ACTIVE');
      const tampered = await app.inject({ method: 'GET', url: '/audit/verify?full=true', headers: { authorization: bearer('admin', 'GROUP-HD') } });
      expect(tampered.json()).toMatchObject({ status: 'BROKEN' });
      await rewrite('REVOKED');
    } finally {
      await owner.end();
    }
  });
});
