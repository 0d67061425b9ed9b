import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Register changes say what they changed (the entry, or the company's Kafka credentials) and the state of the
 * company's credentials. Records chained before have neither; their hashes leave the two out while null.
 */
export class RegisterCredentials1733097600000 implements MigrationInterface {
  name = 'RegisterCredentials1733097600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company_register_records ADD COLUMN change text, ADD COLUMN kafka_credentials text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company_register_records DROP COLUMN change, DROP COLUMN kafka_credentials`);
  }
}
