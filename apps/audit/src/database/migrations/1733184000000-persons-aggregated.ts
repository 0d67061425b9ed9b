import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An access record says how many persons a statistics request counted (none of them named), so that the
 * read-rate alert counts statistics too. Records chained before have none; their hashes leave it out while null.
 */
export class PersonsAggregated1733184000000 implements MigrationInterface {
  name = 'PersonsAggregated1733184000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access_records ADD COLUMN persons_aggregated integer CONSTRAINT access_records_persons_aggregated_not_negative CHECK (persons_aggregated >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access_records DROP COLUMN persons_aggregated`);
  }
}
