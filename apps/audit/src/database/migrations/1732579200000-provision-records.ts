import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deliveries of contacts to group companies, and withdrawals: the record of provision per data subject. */
export class ProvisionRecords1732579200000 implements MigrationInterface {
  name = 'ProvisionRecords1732579200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE provision_records (
        seq            bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        provision_id   uuid NOT NULL,
        company_code   text NOT NULL,
        contact_id     uuid NOT NULL,
        version        integer NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('DELIVERED', 'WITHDRAWN')),
        purposes       text[] NOT NULL,
        provided_at    timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX provision_records_by_contact ON provision_records (contact_id, seq DESC)`);
    await queryRunner.query(`CREATE INDEX provision_records_by_company ON provision_records (company_code, seq DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE provision_records`);
  }
}
