import { generateKeyPairSync } from 'node:crypto';
import {
  bearer,
  createTestDatabase,
  eventually,
  freePort,
  startServiceProcess,
  kafkaSettingsAs,
  testAuthSettings,
  testBroker,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { untilContactsKnows } from './company-register';
import { call } from './http-call';

interface Services {
  contacts: ServiceProcess;
  sharing: ServiceProcess;
  audit: ServiceProcess;
}

describe('walking skeleton: register → share → read for a purpose → audit', () => {
  const suffix = uniqueSuffix();
  const domestic = `DOM-${suffix}`;
  const abroad = `ABR-${suffix}`;
  const staffCompany = `SALES-${suffix}`;
  const databases: TestDatabase[] = [];
  let services: Services;

  beforeAll(async () => {
    const common = { ...testAuthSettings(), LOG_LEVEL: 'log' };
    // Each service connects as its own principal: the flow works with the ACLs of tools/kafka/service-acls.txt alone.
    const start = async (name: keyof Services, env: Record<string, string> = {}) => {
      const database = await createTestDatabase(`e2e_${name}`);
      databases.push(database);
      return startServiceProcess(name, await freePort(), { ...common, ...kafkaSettingsAs(testBroker(), name), ...env, DATABASE_URL: database.url });
    };
    const [contacts, sharing, audit] = await Promise.all([
      start('contacts', { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET, KAFKA_CONSUMER_GROUP: `contacts-e2e-${suffix}` }),
      start('sharing', { KAFKA_CONSUMER_GROUP: `sharing-e2e-${suffix}` }),
      start('audit', { KAFKA_CONSUMER_GROUP: `audit-e2e-${suffix}`, AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') }),
    ]);
    services = { contacts, sharing, audit };

    const admin = bearer('admin', 'GROUP-HD');
    for (const [code, country] of [
      [domestic, 'JP'],
      [abroad, 'US'],
      [staffCompany, 'JP'],
    ] as const) {
      const put = await call(`${services.sharing.url}/companies/${code}`, {
        method: 'PUT',
        token: admin,
        body: { legalName: `${code} KK`, country, relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true },
      });
      expect(put.status).toBe(200);
    }
    await untilContactsKnows(services.contacts.url, staffCompany);
  });

  afterAll(async () => {
    const running = Object.values(services ?? {}) as ServiceProcess[];
    const ends = await Promise.all(running.map((service) => service.stop()));
    await Promise.all(databases.map((db) => db.drop()));
    // Graceful shutdown: on SIGTERM each service runs its shutdown hooks to the end, then ends by that signal.
    expect(ends).toEqual(running.map(() => ({ code: null, signal: 'SIGTERM' })));
    for (const service of running) expect(service.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });

  it('every service is ready: its database and Kafka answer', async () => {
    for (const service of Object.values(services)) {
      await eventually(async () => expect(await call(`${service.url}/health/ready`)).toMatchObject({ status: 200, body: { status: 'ok' } }));
    }
  });

  it('shares a registered contact with a domestic group company, refuses one abroad, and audits both', async () => {
    const marker = `MEMO-${suffix}`;
    const registered = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', staffCompany, `staff-${suffix}`),
      body: {
        name: { full: '山田 太郎', kana: 'ヤマダ タロウ' },
        organizationName: 'Example Trading KK',
        email: 'Taro.Yamada@EXAMPLE.co.jp',
        phone: '03-1234-5678',
        acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' },
        memo: marker,
        cardImageRef: `card-${marker}`,
      },
    });
    expect(registered.status).toBe(201);
    const contactId: string = registered.body.id;
    expect(registered.body).toMatchObject({
      version: 1,
      registration: 'CREATED',
      email: 'Taro.Yamada@example.co.jp',
      phone: '+81312345678',
      acquisitions: [{ method: 'BUSINESS_CARD', memo: marker, acquiredBy: `staff-${suffix}` }],
    });

    const shared = await eventually(async () => {
      const read = await call(`${services.sharing.url}/shared-contacts/${contactId}?purpose=PRODUCT_INFO`, { token: bearer('company', domestic) });
      expect(read.status).toBe(200);
      return read;
    });
    expect(shared.body).toMatchObject({
      contactId,
      version: 1,
      name: { full: '山田 太郎', kana: 'ヤマダ タロウ' },
      organizationName: 'Example Trading KK',
      email: 'Taro.Yamada@example.co.jp',
      phone: '+81312345678',
      purpose: 'PRODUCT_INFO',
    });
    expect(shared.text).not.toContain(marker);
    expect(shared.text).not.toContain(`staff-${suffix}`);

    const refused = await call(`${services.sharing.url}/shared-contacts/${contactId}?purpose=PRODUCT_INFO`, { token: bearer('company', abroad) });
    expect(refused).toMatchObject({ status: 403, body: { statusCode: 403, code: 'OUTSIDE_JAPAN' } });
    expect(refused.text).not.toContain('山田');

    const admin = bearer('admin', 'GROUP-HD');
    const audited = await eventually(async () => {
      const page = await call(`${services.audit.url}/audit/accesses?contactId=${contactId}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ companyCode: domestic, purpose: 'PRODUCT_INFO', outcome: 'GRANTED', reason: null, contactIds: [contactId], accessId: shared.body.accessId }),
          expect.objectContaining({ companyCode: abroad, purpose: 'PRODUCT_INFO', outcome: 'DENIED', reason: 'OUTSIDE_JAPAN', contactIds: [contactId], accessId: refused.body.details.accessId }),
        ]),
      );
      return page.body.records as { accessId: string; reason: string | null; companyCode: string }[];
    });
    // The reads made before sharing knew the contact were refused, and are recorded under the id they asked for.
    const earlier = audited.filter((record) => record.accessId !== shared.body.accessId && record.accessId !== refused.body.details.accessId);
    for (const record of earlier) expect(record).toMatchObject({ companyCode: domestic, reason: 'CONTACT_NOT_FOUND' });
  });

  it('delivers the contact to the domestic company’s topic and gives audit the record of provision', async () => {
    const registered = await call(`${services.contacts.url}/contacts`, {
      method: 'POST',
      token: bearer('sales', staffCompany, `staff-${suffix}`),
      body: { name: { full: 'Provision Person' }, organizationName: 'Provision KK', acquisition: { method: 'BUSINESS_DISCUSSION', acquiredOn: '2026-11-21' } },
    });
    const contactId: string = registered.body.id;
    const provisions = await eventually(async () => {
      const page = await call(`${services.audit.url}/audit/provisions?contactId=${contactId}`, { token: bearer('admin', 'GROUP-HD') });
      expect(page.body.records.map((r: { companyCode: string }) => r.companyCode)).toContain(domestic);
      return page.body.records;
    });
    expect(provisions.find((r: { companyCode: string }) => r.companyCode === domestic)).toMatchObject({ kind: 'DELIVERED', version: 1, contactId });
    expect(provisions.map((r: { companyCode: string }) => r.companyCode)).not.toContain(abroad);
  });

  it('refuses a read without a purpose, and records that refusal too', async () => {
    const refused = await call(`${services.sharing.url}/shared-contacts/00000000-0000-4000-8000-000000000000`, { token: bearer('company', domestic) });
    expect(refused).toMatchObject({ status: 400, body: { code: 'PURPOSE_MISSING' } });
    await eventually(async () => {
      const page = await call(`${services.audit.url}/audit/accesses?companyCode=${domestic}&outcome=DENIED`, { token: bearer('admin', 'GROUP-HD') });
      expect(page.body.records).toEqual(expect.arrayContaining([expect.objectContaining({ accessId: refused.body.details.accessId, reason: 'PURPOSE_MISSING' })]));
    });
  });

  it('lets only the administrator list audit records', async () => {
    expect((await call(`${services.audit.url}/audit/accesses`)).status).toBe(401);
    expect((await call(`${services.audit.url}/audit/accesses`, { token: bearer('company', domestic) })).status).toBe(403);
    expect((await call(`${services.audit.url}/audit/accesses`, { token: bearer('sales', domestic) })).status).toBe(403);
  });

  it('keeps what it audited in an intact, verifiable chain', async () => {
    const report = await call(`${services.audit.url}/audit/verify?full=true`, { token: bearer('admin', 'GROUP-HD') });
    expect(report).toMatchObject({ status: 200, body: { status: 'INTACT', mode: 'FULL' } });
    const accesses = report.body.chains.find((chain: { chain: string }) => chain.chain === 'accesses');
    expect(Number(accesses.headSeq)).toBeGreaterThanOrEqual(3);
    expect(accesses.checkedRecords).toBe(Number(accesses.headSeq));
  });
});
