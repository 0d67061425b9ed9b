import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notice revision that covers each contact (null: acquired before revisions were recorded, so the first),
 * which bounds the items shared and the companies reached; and why a held contact is held.
 */
export class ContactNoticeVersion1733270400000 implements MigrationInterface {
  name = 'ContactNoticeVersion1733270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE shared_contacts ADD COLUMN notice_version text NULL CONSTRAINT shared_contacts_notice_version_date CHECK (notice_version ~ '^\\d{4}-\\d{2}-\\d{2}$')`);
    await queryRunner.query(`ALTER TABLE shared_contacts ADD COLUMN held_reason text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE shared_contacts DROP COLUMN held_reason`);
    await queryRunner.query(`ALTER TABLE shared_contacts DROP COLUMN notice_version`);
  }
}
