import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secret that record keys of the statistics' cell-key method are derived from, when no
 * STATISTICS_CELL_KEY_SECRET is set: drawn once, here, so that every instance and every restart gives the
 * same cell the same answer.
 */
export class StatisticsCellKeySecret1733184000000 implements MigrationInterface {
  name = 'StatisticsCellKeySecret1733184000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE statistics_cell_key_secret (
        id smallint PRIMARY KEY CONSTRAINT statistics_cell_key_secret_single CHECK (id = 1),
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO statistics_cell_key_secret (id, secret)
      VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_cell_key_secret`);
  }
}
