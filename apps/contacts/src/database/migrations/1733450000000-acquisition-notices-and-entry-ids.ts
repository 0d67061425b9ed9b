import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entry ids given to entries recorded before ids: derived from the statement and the entry's place in it, so a
 * re-run gives the same, and shaped as a version 4 UUID like the ids given since.
 */
const ENTRY_ID = (statementId: string) => `overlay(overlay(md5(${statementId}::text || ':' || e.ord) placing '4' from 13) placing '8' from 17)::uuid::text`;

/** Each statement's entries with an id added where they have none. */
const WITH_IDS = (table: string, column: string) => `
  UPDATE ${table} s SET ${column} = jsonb_set(s.${column}, '{transactionHistory}', (
      SELECT jsonb_agg(CASE WHEN e.entry ? 'id' THEN e.entry ELSE jsonb_build_object('id', ${ENTRY_ID('s.id')}) || e.entry END ORDER BY e.ord)
        FROM jsonb_array_elements(s.${column}->'transactionHistory') WITH ORDINALITY AS e(entry, ord)))
   WHERE jsonb_typeof(s.${column}->'transactionHistory') = 'array' AND jsonb_array_length(s.${column}->'transactionHistory') > 0`;

/**
 * Each acquisition records the notice it was collected under: the joint-use notice revision in force, the
 * purposes shown to the person and whether they were told of joint use (the old free-text notice is kept as
 * the wording). A person held out of joint use keeps why (and the desk is alerted to a person never told of
 * joint use); a person's consent to joint use is recorded with
 * who recorded it and when. Transaction history entries get stable ids, so that one can be corrected or deleted.
 */
export class AcquisitionNoticesAndEntryIds1733450000000 implements MigrationInterface {
  name = 'AcquisitionNoticesAndEntryIds1733450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE acquisitions
        ADD COLUMN notice_version text NOT NULL DEFAULT '2022-04-01',
        ADD COLUMN purposes_shown jsonb,
        ADD COLUMN joint_use_notified boolean NOT NULL DEFAULT true`);
    // Before this, a notice was kept as its wording only: the purposes it stated are in that wording.
    await queryRunner.query(`UPDATE acquisitions SET purposes_shown = '[]'::jsonb WHERE purpose_notice IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE acquisitions ALTER COLUMN notice_version DROP DEFAULT, ALTER COLUMN joint_use_notified DROP DEFAULT`);

    await queryRunner.query(`ALTER TABLE contacts ADD COLUMN held_reason text`);
    // Until now a person was held only when they returned after asking not to be contacted again.
    await queryRunner.query(`UPDATE contacts SET held_reason = 'RETURNED_AFTER_OBJECTION' WHERE joint_use = 'HELD'`);
    await queryRunner.query(`
      CREATE TABLE joint_use_consents (
        id              uuid PRIMARY KEY,
        contact_id      uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        notice_version  text NOT NULL,
        consented_on    date NOT NULL,
        evidence        text NOT NULL,
        recorded_by     text NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX joint_use_consents_by_contact ON joint_use_consents (contact_id, recorded_at)`);
    await queryRunner.query(`
      ALTER TABLE desk_alerts DROP CONSTRAINT desk_alerts_kind_check,
        ADD CONSTRAINT desk_alerts_kind_check CHECK (kind IN ('REQUEST_OVERDUE', 'SUPPRESSED_PERSON_RETURNED', 'JOINT_USE_NOT_NOTIFIED'))`);

    await queryRunner.query(WITH_IDS('acquisitions', 'submitted_items'));
    await queryRunner.query(WITH_IDS('contact_corrections', 'stated_items'));
    // The person's history is every statement's entries in recording order: formed again, now with the ids.
    await queryRunner.query(`
      UPDATE contacts c SET transaction_history = COALESCE((
          SELECT jsonb_agg(e.entry ORDER BY s.statement_order, e.ord)
            FROM (SELECT statement_order, submitted_items AS items FROM acquisitions WHERE contact_id = c.id
                  UNION ALL SELECT statement_order, stated_items FROM contact_corrections WHERE contact_id = c.id) s,
                 jsonb_array_elements(CASE WHEN jsonb_typeof(s.items->'transactionHistory') = 'array' THEN s.items->'transactionHistory' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(entry, ord)),
        '[]'::jsonb)
       WHERE jsonb_array_length(c.transaction_history) > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of [['acquisitions', 'submitted_items'], ['contact_corrections', 'stated_items']] as const) {
      await queryRunner.query(`
        UPDATE ${table} s SET ${column} = jsonb_set(s.${column}, '{transactionHistory}', (
            SELECT jsonb_agg(e.entry - 'id' ORDER BY e.ord) FROM jsonb_array_elements(s.${column}->'transactionHistory') WITH ORDINALITY AS e(entry, ord)))
         WHERE jsonb_typeof(s.${column}->'transactionHistory') = 'array' AND jsonb_array_length(s.${column}->'transactionHistory') > 0`);
    }
    await queryRunner.query(`
      UPDATE contacts SET transaction_history = (SELECT jsonb_agg(e.entry - 'id' ORDER BY e.ord) FROM jsonb_array_elements(transaction_history) WITH ORDINALITY AS e(entry, ord))
       WHERE jsonb_array_length(transaction_history) > 0`);
    await queryRunner.query(`DELETE FROM desk_alerts WHERE kind = 'JOINT_USE_NOT_NOTIFIED'`);
    await queryRunner.query(`
      ALTER TABLE desk_alerts DROP CONSTRAINT desk_alerts_kind_check,
        ADD CONSTRAINT desk_alerts_kind_check CHECK (kind IN ('REQUEST_OVERDUE', 'SUPPRESSED_PERSON_RETURNED'))`);
    await queryRunner.query(`DROP TABLE joint_use_consents`);
    await queryRunner.query(`ALTER TABLE contacts DROP COLUMN held_reason`);
    await queryRunner.query(`ALTER TABLE acquisitions DROP COLUMN joint_use_notified, DROP COLUMN purposes_shown, DROP COLUMN notice_version`);
  }
}
