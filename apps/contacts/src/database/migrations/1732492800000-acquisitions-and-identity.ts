import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One person, many acquisitions: intake facts move to their own table, and identity keys link repeat registrations. */
export class AcquisitionsAndIdentity1732492800000 implements MigrationInterface {
  name = 'AcquisitionsAndIdentity1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE acquisitions (
        id              uuid PRIMARY KEY,
        contact_id      uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        method          text NOT NULL,
        acquired_on     date NOT NULL,
        company_code    text NOT NULL,
        acquired_by     text NOT NULL,
        purpose_notice  text,
        memo            text,
        card_image_ref  text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX acquisitions_by_contact ON acquisitions (contact_id, created_at)`);
    await queryRunner.query(`CREATE INDEX acquisitions_by_company ON acquisitions (company_code, contact_id)`);
    await queryRunner.query(`
      INSERT INTO acquisitions (id, contact_id, method, acquired_on, company_code, acquired_by, memo, card_image_ref, created_at)
      SELECT gen_random_uuid(), id, acquisition_method, acquired_on, acquiring_company_code, acquired_by, memo, card_image_ref, created_at
      FROM contacts`);
    await queryRunner.query(`
      ALTER TABLE contacts
        DROP COLUMN acquisition_method, DROP COLUMN acquired_on, DROP COLUMN acquiring_company_code,
        DROP COLUMN acquired_by, DROP COLUMN memo, DROP COLUMN card_image_ref,
        ADD COLUMN email_key text, ADD COLUMN person_key text`);
    // The same folding as identityText(): NFKC, no whitespace, lower case.
    await queryRunner.query(`
      UPDATE contacts SET
        email_key = lower(regexp_replace(normalize(email, NFKC), '\\s', '', 'g')),
        person_key = CASE WHEN phone IS NULL THEN NULL ELSE
          lower(regexp_replace(normalize(name_full, NFKC), '\\s', '', 'g')) || '|' ||
          lower(regexp_replace(normalize(organization_name, NFKC), '\\s', '', 'g')) || '|' || phone END`);
    await queryRunner.query(`CREATE INDEX contacts_by_email_key ON contacts (email_key) WHERE email_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX contacts_by_person_key ON contacts (person_key) WHERE person_key IS NOT NULL`);
    // Registration order, for listing newest first with an exact cursor.
    await queryRunner.query(`ALTER TABLE contacts ADD COLUMN seq bigserial`);
    await queryRunner.query(`CREATE UNIQUE INDEX contacts_by_seq ON contacts (seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE contacts
        DROP COLUMN seq, DROP COLUMN email_key, DROP COLUMN person_key,
        ADD COLUMN acquisition_method text, ADD COLUMN acquired_on date, ADD COLUMN acquiring_company_code text,
        ADD COLUMN acquired_by text, ADD COLUMN memo text, ADD COLUMN card_image_ref text`);
    await queryRunner.query(`
      UPDATE contacts c SET acquisition_method = a.method, acquired_on = a.acquired_on, acquiring_company_code = a.company_code,
        acquired_by = a.acquired_by, memo = a.memo, card_image_ref = a.card_image_ref
      FROM (SELECT DISTINCT ON (contact_id) * FROM acquisitions ORDER BY contact_id, created_at) a WHERE a.contact_id = c.id`);
    await queryRunner.query(`
      ALTER TABLE contacts ALTER COLUMN acquisition_method SET NOT NULL, ALTER COLUMN acquired_on SET NOT NULL,
        ALTER COLUMN acquiring_company_code SET NOT NULL, ALTER COLUMN acquired_by SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX contacts_by_company_created ON contacts (acquiring_company_code, created_at DESC, id)`);
    await queryRunner.query(`DROP TABLE acquisitions`);
  }
}
