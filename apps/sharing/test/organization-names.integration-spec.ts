import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { sharingDatabaseOptions } from '../src/database/data-source';

/** The organization filter as sharing writes it. */
const pattern = (part: string) => `%${part.normalize('NFKC').toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

describe('search by part of the organization name, over distinct names', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  /** What search finds now: the matching names, then their contacts in joint use. */
  const byNames = async (part: string) =>
    (await dataSource.query(
      `SELECT contact_id FROM shared_contacts s WHERE NOT s.suspended
          AND lower(normalize(s.organization_name, NFKC)) IN (SELECT name FROM organization_names WHERE name LIKE $1) ORDER BY contact_id`,
      [pattern(part)],
    )).map((row: { contact_id: string }) => row.contact_id);
  /** What search found before: every contact's name matched against the part. */
  const byContacts = async (part: string) =>
    (await dataSource.query(
      `SELECT contact_id FROM shared_contacts s WHERE NOT s.suspended AND lower(normalize(s.organization_name, NFKC)) LIKE $1 ORDER BY contact_id`,
      [pattern(part)],
    )).map((row: { contact_id: string }) => row.contact_id);
  const parts = ['ベンチ', 'ﾍﾞﾝﾁ', '株式会社', '12', 'ACME', 'acme_co', '100%', 'nobody', '商事'];

  beforeAll(async () => {
    database = await createTestDatabase('sharing_orgnames');
    dataSource = await new DataSource(sharingDatabaseOptions(database.url, true)).initialize();
    await dataSource.query(
      `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, transaction_history, acquisition_method, acquired_on,
                                    acquiring_company_code, suspended_by_admin, subject_status)
       SELECT gen_random_uuid(), 1, 'name ' || n,
              (ARRAY['株式会社ベンチ', '株式会社ﾍﾞﾝﾁ', 'ＡＣＭＥ_Co', 'Acme 100% 商事', 'ベンチ商事'])[1 + n % 5] || (n % 40),
              '[]'::jsonb, 'BUSINESS_CARD', date '2025-01-01', 'STAFFING-JP', n % 9 = 0, CASE WHEN n % 11 = 0 THEN 'HELD' ELSE 'ACTIVE' END
         FROM generate_series(1, 600) AS n`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('finds exactly the contacts matching every contact by its name would find, also after names change', async () => {
    for (const part of parts) expect(await byNames(part)).toEqual(await byContacts(part));
    expect((await byNames('ベンチ')).length).toBeGreaterThan(100);
    // A contact's organization renamed (the projection's upsert) is found by its new name.
    await dataSource.query(`UPDATE shared_contacts SET organization_name = 'Ｎｅｗ Ｎａｍｅ 株式会社' WHERE contact_id IN (SELECT contact_id FROM shared_contacts LIMIT 30)`);
    for (const part of [...parts, 'new name']) expect(await byNames(part)).toEqual(await byContacts(part));
    expect(await byNames('new name')).toHaveLength((await byContacts('new name')).length);
    expect((await byNames('new name')).length).toBeGreaterThan(0);
  });
});
