import { postgresOptions } from '@registry/persistence';
import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { formItems } from '../src/contacts/contact-items';
import { CONTACTS_MIGRATIONS } from '../src/database/data-source';
import { ItemStatementsAndIdempotency1733200000000 } from '../src/database/migrations/1733200000000-item-statements-and-idempotency';

describe('the migration that keeps items with each acquisition', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('contacts_migration');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('gives each person’s first acquisition the items held before, so that forming them again changes nothing', async () => {
    const before = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS.slice(0, CONTACTS_MIGRATIONS.indexOf(ItemStatementsAndIdempotency1733200000000)), migrateOnStart: false }));
    await before.initialize();
    await before.runMigrations();
    const id = '11111111-1111-4111-8111-111111111111';
    await before.query(
      `INSERT INTO contacts (id, version, name_full, name_kana, organization_name, postal_code, prefecture, city, street, title, phone, transaction_history)
       VALUES ($1, 3, '山田 太郎', NULL, 'Example KK', '107-0062', '東京都', '港区', NULL, 'Director', '+81312345678', $2)`,
      [id, JSON.stringify([{ occurredOn: '2026-10-01', description: 'order', companyCode: 'A-JP' }])],
    );
    for (const [n, company] of [[1, 'A-JP'], [2, 'B-JP']] as const) {
      await before.query(
        `INSERT INTO acquisitions (id, contact_id, method, acquired_on, company_code, acquired_by, created_at) VALUES ($1, $2, 'BUSINESS_CARD', '2026-11-01', $3, 'staff', now() + make_interval(secs => $4))`,
        [`22222222-2222-4222-8222-00000000000${n}`, id, company, n],
      );
    }
    await before.destroy();

    const after = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS, migrateOnStart: false }));
    await after.initialize();
    try {
      await after.runMigrations();
      const rows = (await after.query(`SELECT company_code, submitted_items, statement_order FROM acquisitions WHERE contact_id = $1 ORDER BY created_at`, [id])) as {
        company_code: string;
        submitted_items: Record<string, unknown>;
        statement_order: string;
      }[];
      expect(rows.map((r) => r.company_code)).toEqual(['A-JP', 'B-JP']);
      expect(rows[1]?.submitted_items).toEqual({});
      const formed = formItems(rows.map((r) => ({ order: BigInt(r.statement_order), companyCode: r.company_code, items: r.submitted_items })));
      expect(formed).toEqual({
        name: { full: '山田 太郎', kana: null },
        organizationName: 'Example KK',
        address: { postalCode: '107-0062', prefecture: '東京都', city: '港区' },
        department: null,
        title: 'Director',
        email: null,
        phone: '+81312345678',
        fax: null,
        // Entries got their ids by a later migration.
        transactionHistory: [{ id: expect.any(String), occurredOn: '2026-10-01', description: 'order', companyCode: 'A-JP' }],
      });
      // Down to before this migration: the ones after it first.
      for (let i = CONTACTS_MIGRATIONS.length; i > CONTACTS_MIGRATIONS.indexOf(ItemStatementsAndIdempotency1733200000000); i -= 1) await after.undoLastMigration();
      expect((await after.query(`SELECT count(*)::int AS n FROM acquisitions`))[0].n).toBe(2);
    } finally {
      await after.destroy();
    }
  });
});
