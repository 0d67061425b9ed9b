import { createDeadLettersTable } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_SERVICE_ROLE } from '../audit-service-role';

/**
 * Malformed access, provision and register events are kept here; the dead-letter topics get a reference only.
 * The service's role may keep and read them; these topics carry ids and codes only, so no erasure reaches here.
 */
export class DeadLetters1732928400000 implements MigrationInterface {
  name = 'DeadLetters1732928400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createDeadLettersTable(queryRunner);
    await queryRunner.query(`GRANT SELECT, INSERT ON dead_letters TO ${AUDIT_SERVICE_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}
