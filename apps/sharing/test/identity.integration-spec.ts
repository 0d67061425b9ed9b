import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DISCLOSURE_READ_SCOPE, ServiceTokenSigner } from '@registry/auth';
import {
  bearer,
  createTestDatabase,
  signTestToken,
  startInProcess,
  TEST_AUDIENCES,
  TEST_CONTACTS_SERVICE,
  TEST_SERVICE_KEY,
  testKey,
  testSettings,
  uniqueSuffix,
  writeJwksFile,
  type TestDatabase,
} from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const admin = bearer('admin', 'GROUP-HD');
const contacts = new ServiceTokenSigner({ service: TEST_CONTACTS_SERVICE, privateKey: TEST_SERVICE_KEY.privateKey });
const member = `ID-${suffix}`;

describe('sharing: who may call', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const get = (url: string, authorization: string) => app.inject({ method: 'GET', url, headers: { authorization } });

  beforeAll(async () => {
    database = await createTestDatabase('sharing_identity');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-identity-${suffix}` }));
    const put = await app.inject({
      method: 'PUT',
      url: `/companies/${member}`,
      headers: { authorization: admin },
      payload: { legalName: 'Identity KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
    });
    expect(put.statusCode).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('accepts contacts’ own token with the disclosure scope on the holdings route', async () => {
    const token = await contacts.sign({ audience: TEST_AUDIENCES.sharing, scope: DISCLOSURE_READ_SCOPE, actingFor: 'privacy-officer' });
    const response = await get(`/shared-contacts/${randomUUID()}/holdings`, `Bearer ${token}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/Sharing holds nothing about contact/);
  });

  it('refuses contacts’ own token everywhere else, the administrator’s routes included', async () => {
    const token = `Bearer ${await contacts.sign({ audience: TEST_AUDIENCES.sharing, scope: DISCLOSURE_READ_SCOPE })}`;
    for (const response of [
      await get('/companies', token),
      await get(`/companies/${member}/history`, token),
      await get(`/shared-contacts/${randomUUID()}?purpose=MARKETING`, token),
      await app.inject({ method: 'PUT', url: `/shared-contacts/${randomUUID()}/suspension`, headers: { authorization: token }, payload: { suspended: true } }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'SERVICE_TOKEN_NOT_ALLOWED' });
    }
  });

  it('refuses contacts’ own token without the scope, or made for audit', async () => {
    const unscoped = await contacts.sign({ audience: TEST_AUDIENCES.sharing, scope: 'contacts:read' });
    expect((await get(`/shared-contacts/${randomUUID()}/holdings`, `Bearer ${unscoped}`)).json()).toMatchObject({ statusCode: 403, code: 'SCOPE_MISSING' });
    const forAudit = await contacts.sign({ audience: TEST_AUDIENCES.audit, scope: DISCLOSURE_READ_SCOPE });
    expect((await get(`/shared-contacts/${randomUUID()}/holdings`, `Bearer ${forAudit}`)).statusCode).toBe(401);
  });

  it('refuses an administrator’s token that contacts made with its own key', async () => {
    const claims = { sub: 'forger', registry_role: 'admin', registry_company: 'GROUP-HD' };
    const asIdentityProvider = signTestToken(claims, TEST_SERVICE_KEY);
    expect((await get('/companies', `Bearer ${asIdentityProvider}`)).json()).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
    const asItself = signTestToken({ ...claims, iss: TEST_CONTACTS_SERVICE, sub: TEST_CONTACTS_SERVICE, scope: DISCLOSURE_READ_SCOPE }, TEST_SERVICE_KEY);
    expect((await get('/companies', `Bearer ${asItself}`)).json()).toMatchObject({ statusCode: 403, code: 'SERVICE_TOKEN_NOT_ALLOWED' });
  });

  it('refuses a company that is not in the register, and a lower-case code of one that is', async () => {
    const stranger = await get(`/shared-contacts/${randomUUID()}?purpose=MARKETING`, bearer('company', `STRANGER-${suffix}`));
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toMatchObject({ code: 'COMPANY_NOT_IN_REGISTER' });
    const lowerCase = await get(`/shared-contacts/${randomUUID()}?purpose=MARKETING`, bearer('company', member.toLowerCase()));
    expect(lowerCase.statusCode).toBe(401);
    expect((await get(`/shared-contacts/${randomUUID()}?purpose=MARKETING`, bearer('company', member))).statusCode).toBe(404);
  });

  it('picks up a key rotation of the identity provider from its JWKS file without a restart', async () => {
    const jwksFile = join(mkdtempSync(join(tmpdir(), 'rotation-')), 'jwks.json');
    const [oldKey, newKey] = [testKey(), testKey()];
    writeJwksFile(jwksFile, [oldKey]);
    const rotating = await startInProcess(
      createSharingApp,
      testSettings(SharingSettings, database.url, { AUTH_JWKS_FILE: jwksFile, KAFKA_CONSUMER_GROUP: `sharing-rotation-${suffix}`, DB_MIGRATE_ON_START: 'false' }),
    );
    const claims = { sub: 'privacy-officer', registry_role: 'admin', registry_company: 'GROUP-HD' };
    const list = async (key: typeof oldKey) => (await rotating.inject({ method: 'GET', url: '/companies', headers: { authorization: `Bearer ${signTestToken(claims, key)}` } })).statusCode;
    try {
      expect(await list(oldKey)).toBe(200);
      expect(await list(newKey)).toBe(401);
      writeJwksFile(jwksFile, [oldKey, newKey]);
      expect(await list(newKey)).toBe(200);
      writeJwksFile(jwksFile, [newKey]);
      expect(await list(newKey)).toBe(200);
      expect(await list(oldKey)).toBe(401);
    } finally {
      await rotating.close();
    }
  });
});
