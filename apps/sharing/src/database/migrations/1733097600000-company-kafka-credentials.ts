import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each register entry says whether the company holds Kafka credentials; each change says what it changed. */
export class CompanyKafkaCredentials1733097600000 implements MigrationInterface {
  name = 'CompanyKafkaCredentials1733097600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE group_companies ADD COLUMN kafka_credentials text NOT NULL DEFAULT 'NONE'
        CONSTRAINT group_companies_kafka_credentials_known CHECK (kafka_credentials IN ('NONE', 'ACTIVE', 'REVOKED'))`);
    await queryRunner.query(`
      ALTER TABLE group_company_changes ADD COLUMN change text NOT NULL DEFAULT 'ENTRY'
        CONSTRAINT group_company_changes_change_known
        CHECK (change IN ('ENTRY', 'KAFKA_CREDENTIALS_ISSUED', 'KAFKA_CREDENTIALS_ROTATED', 'KAFKA_CREDENTIALS_REVOKED'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE group_company_changes DROP COLUMN change`);
    await queryRunner.query(`ALTER TABLE group_companies DROP COLUMN kafka_credentials`);
  }
}
