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

  it('forgets a name once no contact has it: after an erasure, and after a correction', async () => {
    const names = async () => (await dataSource.query(`SELECT name FROM organization_names ORDER BY name`)).map((row: { name: string }) => row.name);
    const insert = (organization: string, suspended = false) =>
      dataSource.query(
        `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, transaction_history, acquisition_method, acquired_on,
                                      acquiring_company_code, suspended_by_admin, subject_status)
         VALUES (gen_random_uuid(), 1, 'sole trader', $1, '[]'::jsonb, 'BUSINESS_CARD', date '2025-01-01', 'STAFFING-JP', $2, 'ACTIVE') RETURNING contact_id`,
        [organization, suspended],
      ).then((rows: { contact_id: string }[]) => rows[0]?.contact_id ?? '');
    const erase = (id: string) => dataSource.query(`DELETE FROM shared_contacts WHERE contact_id = $1`, [id]);

    const alone = await insert('山田太郎商店');
    const first = await insert('共有 商事');
    const second = await insert('共有 商事', true);
    expect(await names()).toEqual(expect.arrayContaining(['山田太郎商店', '共有 商事']));
    await erase(alone);
    expect(await names()).not.toContain('山田太郎商店');
    // Another holder, even a suspended one, keeps the name; the last one takes it along.
    await erase(first);
    expect(await names()).toContain('共有 商事');
    await erase(second);
    expect(await names()).not.toContain('共有 商事');
    // A corrected name leaves only the new one behind.
    const renamed = await insert('旧社名 株式会社');
    await dataSource.query(`UPDATE shared_contacts SET organization_name = '新社名 株式会社' WHERE contact_id = $1`, [renamed]);
    expect(await names()).toEqual(expect.arrayContaining(['新社名 株式会社']));
    expect(await names()).not.toContain('旧社名 株式会社');
    for (const part of [...parts, '社名']) expect(await byNames(part)).toEqual(await byContacts(part));
  });
});
