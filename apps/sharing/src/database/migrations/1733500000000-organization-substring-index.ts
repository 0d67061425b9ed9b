import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by part of the organization name (GET /shared-contacts?organization=…) filters on
 * lower(normalize(organization_name, NFKC)) LIKE '%…%', which no b-tree can serve: without this trigram index
 * every search reads the whole table. pg_trgm is a trusted extension: the database's owner may create it.
 */
export class OrganizationSubstringIndex1733500000000 implements MigrationInterface {
  name = 'OrganizationSubstringIndex1733500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX shared_contacts_by_organization_part ON shared_contacts USING gin (lower(normalize(organization_name, NFKC)) gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX shared_contacts_by_organization_part`);
  }
}
