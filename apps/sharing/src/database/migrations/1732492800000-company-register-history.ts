import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every change to the group register is kept: who, when, and the entry before and after. */
export class CompanyRegisterHistory1732492800000 implements MigrationInterface {
  name = 'CompanyRegisterHistory1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE group_companies ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE TABLE group_company_changes (
        id            bigserial PRIMARY KEY,
        company_code  text NOT NULL,
        version       integer NOT NULL,
        changed_by    text NOT NULL,
        changed_at    timestamptz NOT NULL DEFAULT now(),
        before        jsonb,
        after         jsonb NOT NULL,
        UNIQUE (company_code, version)
      )`);
    // Entries made before history was kept get their present state as version 1.
    await queryRunner.query(`
      INSERT INTO group_company_changes (company_code, version, changed_by, changed_at, before, after)
      SELECT code, 1, 'migration', updated_at, NULL,
             jsonb_build_object('legalName', legal_name, 'country', country, 'relationship', relationship,
                                'joinedOn', joined_on, 'leftOn', left_on, 'active', active)
      FROM group_companies`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE group_company_changes`);
    await queryRunner.query(`ALTER TABLE group_companies DROP COLUMN version`);
  }
}
