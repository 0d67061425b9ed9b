import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  companyRegisterChanged,
  createTestDatabase,
  eventually,
  publishRegisterChanges,
  signTestToken,
  startInProcess,
  TEST_AUDIENCES,
  TEST_ISSUER,
  TEST_SERVICE_KEY,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const body = (n: number) => ({ name: { full: `Identity Person ${n}` }, organizationName: `Identity ${suffix} KK`, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' } });

describe('contacts: who may call, and its copy of the company register', () => {
  const kafka = createKafka(testKafka('contacts-identity-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let people = 0;

  const register = (authorization: string) => app.inject({ method: 'POST', url: '/contacts', headers: { authorization }, payload: body((people += 1)) });
  const copy = async (code: string) => (await dataSource.query(`SELECT version, legal_name, active FROM company_register WHERE company_code = $1`, [code]))[0];

  beforeAll(async () => {
    database = await createTestDatabase('contacts_identity');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('refuses staff of a company not in the register with 403 COMPANY_NOT_IN_REGISTER, and lets them in once the register names it', async () => {
    const code = `LATE-${suffix}`;
    const refused = await register(bearer('sales', code));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'COMPANY_NOT_IN_REGISTER' });
    await registerInContacts(app, kafka, [code]);
    expect((await register(bearer('sales', code))).statusCode).toBe(201);
  });

  it('refuses a lower-case company code with 401 rather than reading it as the upper-case one', async () => {
    const code = `CASE-${suffix}`;
    await registerInContacts(app, kafka, [code]);
    const refused = await register(bearer('sales', code.toLowerCase()));
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(refused.json().message).toMatch(/not a group company code/);
  });

  it('keeps the newest version of an entry, whatever order the changes arrive in, and ignores a redelivered event', async () => {
    const code = `ORDER-${suffix}`;
    const second = companyRegisterChanged(code, { version: 2, legalName: 'Second Name KK' });
    await publishRegisterChanges(kafka, [second, companyRegisterChanged(code, { version: 1, legalName: 'First Name KK' })]);
    await eventually(async () => expect(await copy(code)).toMatchObject({ version: 2, legal_name: 'Second Name KK' }));

    const third = companyRegisterChanged(code, { version: 3, legalName: 'Third Name KK', active: false });
    await publishRegisterChanges(kafka, [third]);
    await eventually(async () => expect(await copy(code)).toMatchObject({ version: 3, legal_name: 'Third Name KK', active: false }));

    // The same event id again, even claiming a newer version, changes nothing; a later event shows it was consumed.
    const marker = companyRegisterChanged(`MARK-${suffix}`);
    await publishRegisterChanges(kafka, [{ ...third, version: 4, legalName: 'Replayed KK' }, marker]);
    await eventually(async () => expect(await copy(marker.companyCode)).toBeDefined());
    expect(await copy(code)).toMatchObject({ version: 3, legal_name: 'Third Name KK' });
  });

  it('refuses an administrator’s token signed with contacts’ own key', async () => {
    const forged = signTestToken({ sub: 'forger', registry_role: 'admin', registry_company: 'GROUP-HD' }, TEST_SERVICE_KEY);
    const response = await app.inject({ method: 'GET', url: '/contacts', headers: { authorization: `Bearer ${forged}` } });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a token for another service’s audience', async () => {
    const code = `AUD-${suffix}`;
    await registerInContacts(app, kafka, [code]);
    const forSharing = signTestToken({ sub: 'staff', registry_role: 'sales', registry_company: code, aud: TEST_AUDIENCES.sharing });
    expect((await register(`Bearer ${forSharing}`)).statusCode).toBe(401);
    const forContacts = signTestToken({ sub: 'staff', registry_role: 'sales', registry_company: code, aud: TEST_AUDIENCES.contacts, iss: TEST_ISSUER });
    expect((await register(`Bearer ${forContacts}`)).statusCode).toBe(201);
  });

  it('reads the role and company from the claims its settings name (a Keycloak-like token)', async () => {
    const code = `KC-${suffix}`;
    await registerInContacts(app, kafka, [code]);
    const mapped = await startInProcess(
      createContactsApp,
      contactsTestSettings(database.url, { AUTH_ROLE_CLAIM: 'realm_access.roles', AUTH_COMPANY_CLAIM: 'group_company' }),
    );
    try {
      const keycloak = signTestToken({ sub: 'f3b1c2d4', realm_access: { roles: ['offline_access', 'sales'] }, group_company: code, azp: 'registry-desk' });
      const response = await mapped.inject({ method: 'POST', url: '/contacts', headers: { authorization: `Bearer ${keycloak}` }, payload: body((people += 1)) });
      expect(response.statusCode).toBe(201);
      expect(response.json().acquisitions[0]).toMatchObject({ companyCode: code, acquiredBy: 'f3b1c2d4' });
      expect((await mapped.inject({ method: 'GET', url: '/contacts', headers: { authorization: bearer('sales', code) } })).statusCode).toBe(401);
    } finally {
      await mapped.close();
    }
  });

  it('publishes its own public key, and only the public half', async () => {
    const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json().keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', x: TEST_SERVICE_KEY.publicJwk['x'], kid: TEST_SERVICE_KEY.kid })]);
    expect(response.json().keys[0]).not.toHaveProperty('d');
  });
});
