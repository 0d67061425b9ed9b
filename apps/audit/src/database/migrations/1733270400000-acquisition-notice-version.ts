import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each provision names the notice revision the person was told of joint use under (acquisition or consent), beside
 * the one in force; each access, that of every contact it names. Records chained before have none; their hashes
 * leave the columns out while null.
 */
export class AcquisitionNoticeVersion1733270400000 implements MigrationInterface {
  name = 'AcquisitionNoticeVersion1733270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE provision_records ADD COLUMN acquisition_notice_version text`);
    await queryRunner.query(`ALTER TABLE access_records ADD COLUMN acquisition_notice_versions text[]`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access_records DROP COLUMN acquisition_notice_versions`);
    await queryRunner.query(`ALTER TABLE provision_records DROP COLUMN acquisition_notice_version`);
  }
}
