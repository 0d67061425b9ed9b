import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { COMPANY_REGISTER_CHECK, DISCLOSURE_READ_SCOPE, ServiceTokenSigner, type CompanyRegisterCheck } from '@registry/auth';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  companyRegisterChanged,
  createTestDatabase,
  eventually,
  publishRegisterChanges,
  startInProcess,
  TEST_AUDIENCES,
  TEST_CONTACTS_SERVICE,
  TEST_SERVICE_KEY,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();
const contacts = new ServiceTokenSigner({ service: TEST_CONTACTS_SERVICE, privateKey: TEST_SERVICE_KEY.privateKey });

describe('audit: who may call', () => {
  const kafka = createKafka(testKafka('audit-identity-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const get = (url: string, authorization: string) => app.inject({ method: 'GET', url, headers: { authorization } });

  beforeAll(async () => {
    database = await createTestDatabase('audit_identity');
    app = await startInProcess(createAuditApp, auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-identity-${suffix}` }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('accepts contacts’ own token with the disclosure scope on the record of provision', async () => {
    const token = await contacts.sign({ audience: TEST_AUDIENCES.audit, scope: DISCLOSURE_READ_SCOPE, actingFor: 'privacy-officer' });
    const contactId = randomUUID();
    const response = await get(`/audit/contacts/${contactId}/record-of-provision`, `Bearer ${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ contactId });
  });

  it('refuses contacts’ own token on the administrator’s other routes', async () => {
    const token = `Bearer ${await contacts.sign({ audience: TEST_AUDIENCES.audit, scope: DISCLOSURE_READ_SCOPE })}`;
    for (const url of ['/audit/accesses', '/audit/provisions', '/audit/verify', '/audit/alerts', '/audit/accesses/export.csv']) {
      const response = await get(url, token);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'SERVICE_TOKEN_NOT_ALLOWED' });
    }
  });

  it('refuses contacts’ own token made for sharing', async () => {
    const forSharing = await contacts.sign({ audience: TEST_AUDIENCES.sharing, scope: DISCLOSURE_READ_SCOPE });
    expect((await get(`/audit/contacts/${randomUUID()}/record-of-provision`, `Bearer ${forSharing}`)).statusCode).toBe(401);
  });

  it('knows the register from the company-register changes it ingests', async () => {
    const register = app.get<CompanyRegisterCheck>(COMPANY_REGISTER_CHECK, { strict: false });
    const code = `AUDITED-${suffix}`;
    expect(await register.isRegistered(code)).toBe(false);
    await publishRegisterChanges(kafka, [companyRegisterChanged(code)]);
    await eventually(async () => expect(await register.isRegistered(code)).toBe(true), { timeoutMs: 60_000 });
    expect(await register.isRegistered(`OTHER-${suffix}`)).toBe(false);
  });

  it('still lets the administrator in, and no one without the role', async () => {
    expect((await get('/audit/accesses', bearer('admin', 'GROUP-HD'))).statusCode).toBe(200);
    expect((await get('/audit/accesses', bearer('company', `AUDITED-${suffix}`))).statusCode).toBe(403);
  });
});
