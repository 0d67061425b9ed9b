import { createDeadLettersTable } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Malformed contact events are kept here, not on the dead-letter topic, so that erasing the contact deletes them too. */
export class DeadLetters1732928400000 implements MigrationInterface {
  name = 'DeadLetters1732928400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDeadLettersTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}
