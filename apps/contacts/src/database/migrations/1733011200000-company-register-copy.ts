import { createProcessedEventsTable } from '@registry/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts' own copy of the group company register, fed from sharing's register topic, so that a token's
 * company can be checked against the register. The consumed event ids make a redelivery change nothing.
 */
export class CompanyRegisterCopy1733011200000 implements MigrationInterface {
  name = 'CompanyRegisterCopy1733011200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE company_register (
        company_code  text PRIMARY KEY,
        version       integer NOT NULL,
        legal_name    text NOT NULL,
        country       char(2) NOT NULL,
        relationship  text NOT NULL,
        active        boolean NOT NULL,
        changed_at    timestamptz NOT NULL,
        received_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE company_register`);
    await queryRunner.query(`DROP TABLE processed_events`);
  }
}
