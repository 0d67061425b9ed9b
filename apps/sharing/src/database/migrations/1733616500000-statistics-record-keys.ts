import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics are summed per cell by the database (GROUP BY) instead of in the process, so each shared contact keeps
 * its record key of the cell-key method (recordKey: an HMAC of its id under the statistics secret) in a column,
 * written when the contact is projected. The secret is a setting of the service (or the one drawn at installation),
 * so the keys are only as good as the secret they were made with: statistics_record_keys names it by a fingerprint.
 * A service whose secret has another fingerprint empties the column and keys every contact again (RecordKeys);
 * rows written before this migration, or by anything but the projection, have no key and are keyed the same way,
 * by the service at start-up (this migration cannot: it does not know the secret).
 */
export class StatisticsRecordKeys1733616500000 implements MigrationInterface {
  name = 'StatisticsRecordKeys1733616500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE shared_contacts ADD COLUMN record_key bigint CHECK (record_key >= 0 AND record_key < 4294967296)`);
    await queryRunner.query(`CREATE INDEX shared_contacts_unkeyed ON shared_contacts (contact_id) WHERE record_key IS NULL`);
    await queryRunner.query(`
      CREATE TABLE statistics_record_keys (
        id smallint PRIMARY KEY CONSTRAINT statistics_record_keys_single CHECK (id = 1),
        secret_fingerprint text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO statistics_record_keys (id, secret_fingerprint) VALUES (1, NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_record_keys`);
    await queryRunner.query(`ALTER TABLE shared_contacts DROP COLUMN record_key`);
  }
}
