import { indexProcessedEventsByTime } from '@registry/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consumed event ids are pruned by age (PROCESSED_EVENTS_RETENTION_DAYS): an index on the time they were claimed. */
export class ProcessedEventsByTime1733443200000 implements MigrationInterface {
  name = 'ProcessedEventsByTime1733443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await indexProcessedEventsByTime(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX processed_events_by_time`);
  }
}
