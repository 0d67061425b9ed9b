import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure of a data subject's request: the day it was received (its deadline counts from that day), the
 * delivery method the person asked for, the identity check at confirmation, a refusal with its ground, the result
 * it was closed with, and complaints and consultations with their summary. Requests entered before keep the day
 * they were entered as the day received.
 */
export class RequestProcedure1733421000000 implements MigrationInterface {
  name = 'RequestProcedure1733421000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      ALTER TABLE subject_requests
        ADD COLUMN received_on      date,
        ADD COLUMN delivery_method  text CHECK (delivery_method IN ('ELECTRONIC', 'PAPER')),
        ADD COLUMN summary          text CHECK (length(summary) <= 2000),
        ADD COLUMN identity_check   jsonb,
        ADD COLUMN refusal          jsonb,
        ADD COLUMN result           text CHECK (result IN ('ANSWERED', 'REFUSED', 'PARTIALLY_REFUSED'))`);
    await q(`UPDATE subject_requests SET received_on = (opened_at AT TIME ZONE 'Asia/Tokyo')::date`);
    await q(`UPDATE subject_requests SET result = 'ANSWERED' WHERE status = 'CLOSED'`);
    await q(`ALTER TABLE subject_requests ALTER COLUMN received_on SET NOT NULL`);
    await q(`ALTER TABLE subject_requests ADD CONSTRAINT subject_requests_closed_with_result CHECK ((status = 'CLOSED') = (result IS NOT NULL))`);
    await q(`CREATE INDEX subject_requests_open_by_received ON subject_requests (received_on) WHERE status = 'OPEN'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX subject_requests_open_by_received`);
    await queryRunner.query(`
      ALTER TABLE subject_requests DROP CONSTRAINT subject_requests_closed_with_result,
        DROP COLUMN received_on, DROP COLUMN delivery_method, DROP COLUMN summary, DROP COLUMN identity_check, DROP COLUMN refusal, DROP COLUMN result`);
  }
}
