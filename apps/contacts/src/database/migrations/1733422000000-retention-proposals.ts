import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposals to erase persons with no acquisition, correction or transaction for the retention period. At most one
 * open proposal per person (a unique index), so replicas computing proposals at once cannot double them; the
 * indexes let the inactivity check probe each person's latest acquisition and correction.
 */
export class RetentionProposals1733422000000 implements MigrationInterface {
  name = 'RetentionProposals1733422000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE retention_proposals (
        id                uuid PRIMARY KEY,
        contact_id        uuid NOT NULL,
        status            text NOT NULL CHECK (status IN ('PROPOSED', 'CONFIRMED', 'DISMISSED', 'WITHDRAWN')),
        last_activity_at  timestamptz NOT NULL,
        reason            text NOT NULL,
        proposed_at       timestamptz NOT NULL,
        decided_at        timestamptz,
        decided_by        text,
        dismissal_reason  text,
        postponed_until   timestamptz,
        CHECK ((status = 'PROPOSED') = (decided_at IS NULL)),
        CHECK ((status = 'DISMISSED') = (postponed_until IS NOT NULL AND dismissal_reason IS NOT NULL))
      )`);
    await q(`CREATE UNIQUE INDEX retention_proposals_one_open ON retention_proposals (contact_id) WHERE status = 'PROPOSED'`);
    await q(`CREATE INDEX retention_proposals_postponed ON retention_proposals (contact_id, postponed_until) WHERE status = 'DISMISSED'`);
    await q(`CREATE INDEX retention_proposals_by_status ON retention_proposals (status, proposed_at)`);
    await q(`CREATE INDEX contacts_by_created ON contacts (created_at)`);
    await q(`CREATE INDEX contact_corrections_by_contact_recorded ON contact_corrections (contact_id, recorded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX contact_corrections_by_contact_recorded`);
    await queryRunner.query(`DROP INDEX contacts_by_created`);
    await queryRunner.query(`DROP TABLE retention_proposals`);
  }
}
