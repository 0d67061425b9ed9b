import { createProcessedEventsTable } from '@registry/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAudit1732406400000 implements MigrationInterface {
  name = 'CreateAudit1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_records (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        access_id      uuid NOT NULL,
        company_code   text NOT NULL,
        requested_by   text NOT NULL,
        operation      text NOT NULL,
        purpose        text,
        contact_ids    uuid[] NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('GRANTED', 'DENIED')),
        reason         text,
        accessed_at    timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX access_records_by_time ON access_records (accessed_at DESC, seq DESC)`);
    await queryRunner.query(`CREATE INDEX access_records_by_company_time ON access_records (company_code, accessed_at DESC, seq DESC)`);
    await queryRunner.query(`CREATE INDEX access_records_by_contact ON access_records USING gin (contact_ids)`);
    await createProcessedEventsTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_events`);
    await queryRunner.query(`DROP TABLE access_records`);
  }
}
