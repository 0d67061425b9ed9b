import { createDeadLettersTable } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Malformed company-register events are kept here with the reason; the dead-letter topic gets a reference only. */
export class DeadLetters1733104800000 implements MigrationInterface {
  name = 'DeadLetters1733104800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDeadLettersTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}
