import { createOutboxTable } from '@registry/kafka';
import { createProcessedEventsTable } from '@registry/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSharing1732406400000 implements MigrationInterface {
  name = 'CreateSharing1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE group_companies (
        code          text PRIMARY KEY,
        legal_name    text NOT NULL,
        country       char(2) NOT NULL,
        relationship  text NOT NULL CHECK (relationship IN ('HOLDING', 'CONSOLIDATED_SUBSIDIARY', 'EQUITY_METHOD_AFFILIATE')),
        joined_on     date NOT NULL,
        left_on       date,
        active        boolean NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // Only the allow-listed items; the columns are the allow-list.
    await queryRunner.query(`
      CREATE TABLE shared_contacts (
        contact_id              uuid PRIMARY KEY,
        version                 integer NOT NULL,
        name_full               text NOT NULL,
        name_kana               text,
        organization_name       text NOT NULL,
        address                 jsonb,
        department              text,
        title                   text,
        email                   text,
        phone                   text,
        fax                     text,
        transaction_history     jsonb NOT NULL,
        acquisition_method      text NOT NULL,
        acquired_on             date NOT NULL,
        acquiring_company_code  text NOT NULL,
        suspended               boolean NOT NULL DEFAULT false,
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await createProcessedEventsTable(queryRunner);
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE processed_events`);
    await queryRunner.query(`DROP TABLE shared_contacts`);
    await queryRunner.query(`DROP TABLE group_companies`);
  }
}
