import { allowOutboxTombstones } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What each group company has been given: the version last delivered to it, or that it was withdrawn. */
export class Deliveries1732579200000 implements MigrationInterface {
  name = 'Deliveries1732579200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deliveries (
        company_code  text NOT NULL,
        contact_id    uuid NOT NULL,
        version       integer NOT NULL,
        state         text NOT NULL CHECK (state IN ('DELIVERED', 'WITHDRAWN')),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, company_code)
      )`);
    await allowOutboxTombstones(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM outbox WHERE payload IS NULL`);
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN payload SET NOT NULL`);
    await queryRunner.query(`DROP TABLE deliveries`);
  }
}
