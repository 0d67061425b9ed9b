import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact is kept out of joint use when the administrator suspends it here, or when the person's own status
 * (carried by the contact's events) is not ACTIVE; `suspended` is derived from both. Erased contacts are
 * remembered by id only, so that an old event delivered late cannot bring the person back.
 */
export class SubjectStatusAndErasure1732838400000 implements MigrationInterface {
  name = 'SubjectStatusAndErasure1732838400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE shared_contacts RENAME COLUMN suspended TO suspended_by_admin`);
    await queryRunner.query(`ALTER TABLE shared_contacts ADD COLUMN subject_status text NOT NULL DEFAULT 'ACTIVE' CHECK (subject_status IN ('ACTIVE', 'SUSPENDED', 'HELD'))`);
    await queryRunner.query(`ALTER TABLE shared_contacts ADD COLUMN suspended boolean GENERATED ALWAYS AS (suspended_by_admin OR subject_status <> 'ACTIVE') STORED`);
    await queryRunner.query(`CREATE TABLE erased_contacts (contact_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE erased_contacts`);
    await queryRunner.query(`ALTER TABLE shared_contacts DROP COLUMN suspended`);
    await queryRunner.query(`ALTER TABLE shared_contacts DROP COLUMN subject_status`);
    await queryRunner.query(`ALTER TABLE shared_contacts RENAME COLUMN suspended_by_admin TO suspended`);
  }
}
