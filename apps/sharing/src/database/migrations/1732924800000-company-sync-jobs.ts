import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's eligibility as deliveries last followed it, and one job per change of it: a backfill of every
 * jointly usable contact when a company becomes eligible, a withdrawal of everything it holds when it stops.
 * Jobs go in batches; the cursor is the last contact id done, committed with the batch's deliveries.
 */
export class CompanySyncJobs1732924800000 implements MigrationInterface {
  name = 'CompanySyncJobs1732924800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Null until first decided: the scheduled check then backfills or withdraws what earlier versions left.
    await queryRunner.query(`ALTER TABLE group_companies ADD COLUMN eligible boolean`);
    await queryRunner.query(`
      CREATE TABLE company_sync_jobs (
        id                uuid PRIMARY KEY,
        company_code      text NOT NULL REFERENCES group_companies (code),
        kind              text NOT NULL CHECK (kind IN ('BACKFILL', 'WITHDRAWAL')),
        status            text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'SUPERSEDED')),
        cause             text NOT NULL CHECK (cause IN ('REGISTER_CHANGE', 'SCHEDULED_CHECK')),
        register_version  integer NOT NULL,
        ineligible_reason text,
        cursor_contact_id uuid,
        processed         integer NOT NULL DEFAULT 0,
        sent              integer NOT NULL DEFAULT 0,
        total             integer NOT NULL,
        superseded_by     uuid REFERENCES company_sync_jobs (id),
        created_at        timestamptz NOT NULL,
        started_at        timestamptz,
        finished_at       timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX company_sync_jobs_open_by_created ON company_sync_jobs (created_at, id) WHERE status IN ('PENDING', 'RUNNING')`);
    await queryRunner.query(`CREATE INDEX company_sync_jobs_by_company ON company_sync_jobs (company_code, created_at DESC)`);
    // A withdrawal walks the contacts one company holds, in id order.
    await queryRunner.query(`CREATE INDEX deliveries_held_by_company ON deliveries (company_code, contact_id) WHERE state = 'DELIVERED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX deliveries_held_by_company`);
    await queryRunner.query(`DROP TABLE company_sync_jobs`);
    await queryRunner.query(`ALTER TABLE group_companies DROP COLUMN eligible`);
  }
}
