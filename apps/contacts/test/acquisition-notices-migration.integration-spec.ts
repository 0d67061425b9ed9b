import { postgresOptions } from '@registry/persistence';
import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { formItems } from '../src/contacts/contact-items';
import { CONTACTS_MIGRATIONS } from '../src/database/data-source';
import { AcquisitionNoticesAndEntryIds1733450000000 } from '../src/database/migrations/1733450000000-acquisition-notices-and-entry-ids';

const contactId = '31111111-1111-4111-8111-111111111111';
const heldId = '31111111-1111-4111-8111-222222222222';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the migration that records each acquisition’s notice and gives history entries ids', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('contacts_notice_migration');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps the old notice as the wording, counts old acquisitions as told of joint use, and gives every entry the same id in statements and the person', async () => {
    const upTo = CONTACTS_MIGRATIONS.indexOf(AcquisitionNoticesAndEntryIds1733450000000);
    const before = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS.slice(0, upTo), migrateOnStart: false }));
    await before.initialize();
    await before.runMigrations();
    const entry = (description: string, companyCode: string) => ({ occurredOn: '2026-10-01', description, companyCode });
    await before.query(
      `INSERT INTO contacts (id, version, name_full, organization_name, transaction_history, joint_use) VALUES ($1, 3, '山田 太郎', 'Example KK', $2, 'ACTIVE'), ($3, 1, '佐藤 花子', 'Example KK', '[]', 'HELD')`,
      [contactId, JSON.stringify([entry('a1', 'A-JP'), entry('a2', 'A-JP'), entry('b1', 'B-JP')]), heldId],
    );
    await before.query(
      `INSERT INTO acquisitions (id, contact_id, method, acquired_on, company_code, acquired_by, purpose_notice, submitted_items)
       VALUES ('32222222-2222-4222-8222-000000000001', $1, 'WEB_INQUIRY', '2026-11-01', 'A-JP', 'staff', 'Inquiry form notice', $2),
              ('32222222-2222-4222-8222-000000000003', $3, 'BUSINESS_CARD', '2026-11-01', 'A-JP', 'staff', NULL, $4)`,
      [contactId, JSON.stringify({ name: { full: '山田 太郎' }, organizationName: 'Example KK', transactionHistory: [entry('a1', 'A-JP'), entry('a2', 'A-JP')] }), heldId, JSON.stringify({ name: { full: '佐藤 花子' }, organizationName: 'Example KK' })],
    );
    await before.query(`INSERT INTO contact_corrections (id, contact_id, company_code, corrected_by, stated_items) VALUES ('33333333-3333-4333-8333-000000000001', $1, 'B-JP', 'staff-b', $2)`, [
      contactId,
      JSON.stringify({ transactionHistory: [entry('b1', 'B-JP')] }),
    ]);
    await before.destroy();

    const after = new DataSource(postgresOptions({ url: database.url, entities: [], migrations: CONTACTS_MIGRATIONS, migrateOnStart: false }));
    await after.initialize();
    try {
      await after.runMigrations();
      const [acquisition] = (await after.query(`SELECT notice_version, purposes_shown, joint_use_notified, purpose_notice FROM acquisitions WHERE contact_id = $1`, [contactId])) as Record<string, unknown>[];
      expect(acquisition).toEqual({ notice_version: '2022-04-01', purposes_shown: [], joint_use_notified: true, purpose_notice: 'Inquiry form notice' });
      const [card] = (await after.query(`SELECT purposes_shown, joint_use_notified FROM acquisitions WHERE contact_id = $1`, [heldId])) as Record<string, unknown>[];
      expect(card).toEqual({ purposes_shown: null, joint_use_notified: true });
      expect((await after.query(`SELECT held_reason FROM contacts WHERE id = $1`, [heldId]))[0].held_reason).toBe('RETURNED_AFTER_OBJECTION');
      expect((await after.query(`SELECT held_reason FROM contacts WHERE id = $1`, [contactId]))[0].held_reason).toBeNull();

      const [person] = (await after.query(`SELECT transaction_history FROM contacts WHERE id = $1`, [contactId])) as { transaction_history: { id: string; description: string }[] }[];
      const history = person?.transaction_history ?? [];
      expect(history.map((e) => e.description)).toEqual(['a1', 'a2', 'b1']);
      for (const e of history) expect(e.id).toMatch(UUID_V4);
      expect(new Set(history.map((e) => e.id)).size).toBe(3);
      const statements = (await after.query(
        `SELECT statement_order, company_code, submitted_items AS items FROM acquisitions WHERE contact_id = $1
         UNION ALL SELECT statement_order, company_code, stated_items FROM contact_corrections WHERE contact_id = $1`,
        [contactId],
      )) as { statement_order: string; company_code: string; items: Record<string, unknown> }[];
      // Forming the items from the statements gives the history held, ids and all.
      expect(formItems(statements.map((s) => ({ order: BigInt(s.statement_order), companyCode: s.company_code, items: s.items })))?.transactionHistory).toEqual(history);

      // Down to before this migration: the ones after it first.
      for (let i = CONTACTS_MIGRATIONS.length; i > upTo; i -= 1) await after.undoLastMigration();
      const [undone] = (await after.query(`SELECT transaction_history FROM contacts WHERE id = $1`, [contactId])) as { transaction_history: Record<string, unknown>[] }[];
      expect(undone?.transaction_history).toEqual([entry('a1', 'A-JP'), entry('a2', 'A-JP'), entry('b1', 'B-JP')]);
    } finally {
      await after.destroy();
    }
  });
});
