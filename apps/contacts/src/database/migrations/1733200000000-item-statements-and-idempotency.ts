import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each acquisition keeps the items as submitted, and each correction is kept as what it stated, both in one
 * recording order; the person's items are formed from them. Registrations retried with an Idempotency-Key
 * find their first answer here.
 */
export class ItemStatementsAndIdempotency1733200000000 implements MigrationInterface {
  name = 'ItemStatementsAndIdempotency1733200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE item_statement_order`);
    await queryRunner.query(`
      ALTER TABLE acquisitions
        ADD COLUMN submitted_items jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN statement_order bigint NOT NULL DEFAULT nextval('item_statement_order')`);
    // Acquisitions recorded before this kept no items of their own: the first one of each person carries the
    // items held at this moment, so that forming the items from the statements gives what is held now.
    await queryRunner.query(`
      UPDATE acquisitions a SET submitted_items = jsonb_strip_nulls(jsonb_build_object(
          'name', jsonb_build_object('full', c.name_full, 'kana', c.name_kana),
          'organizationName', c.organization_name,
          'address', CASE WHEN c.postal_code IS NULL OR c.prefecture IS NULL OR c.city IS NULL THEN NULL
                          ELSE jsonb_build_object('postalCode', c.postal_code, 'prefecture', c.prefecture, 'city', c.city, 'street', c.street) END,
          'department', c.department, 'title', c.title, 'email', c.email, 'phone', c.phone, 'fax', c.fax))
          || jsonb_build_object('transactionHistory', c.transaction_history,
                                'name', jsonb_build_object('full', c.name_full, 'kana', c.name_kana))
        FROM contacts c
       WHERE c.id = a.contact_id
         AND a.id = (SELECT f.id FROM acquisitions f WHERE f.contact_id = a.contact_id ORDER BY f.created_at, f.id LIMIT 1)`);
    await queryRunner.query(`CREATE INDEX acquisitions_by_contact_order ON acquisitions (contact_id, statement_order)`);
    await queryRunner.query(`
      CREATE TABLE contact_corrections (
        id               uuid PRIMARY KEY,
        contact_id       uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        company_code     text,
        corrected_by     text NOT NULL,
        stated_items     jsonb NOT NULL,
        statement_order  bigint NOT NULL DEFAULT nextval('item_statement_order'),
        recorded_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX contact_corrections_by_contact_order ON contact_corrections (contact_id, statement_order)`);
    await queryRunner.query(`
      CREATE TABLE registration_idempotency_keys (
        company_code     text NOT NULL,
        idempotency_key  text NOT NULL,
        request_hash     text NOT NULL,
        status_code      integer NOT NULL,
        response         jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registration_idempotency_keys_pkey PRIMARY KEY (company_code, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX registration_idempotency_keys_by_age ON registration_idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE registration_idempotency_keys`);
    await queryRunner.query(`DROP TABLE contact_corrections`);
    await queryRunner.query(`DROP INDEX acquisitions_by_contact_order`);
    await queryRunner.query(`ALTER TABLE acquisitions DROP COLUMN statement_order, DROP COLUMN submitted_items`);
    await queryRunner.query(`DROP SEQUENCE item_statement_order`);
  }
}
