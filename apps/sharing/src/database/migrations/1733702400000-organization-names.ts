import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by part of the organization name, over the organizations' names rather than over every contact. A trigram
 * index over the contacts lists every contact under the trigrams every contact's organization shares (a common
 * word such as 株式会社, or a group's own name); PostgreSQL 15 reads and decompresses those lists whole for each
 * search (about 600 index pages, 60 ms of CPU and seconds under load, at 1,000,000 contacts) even when the rare
 * trigrams already narrow the answer to a hundred. Names repeat across contacts: indexed once per distinct name, a
 * common trigram lists thousands of names, not a million contacts. The search finds the matching names with the
 * trigram index, then their contacts in joint use with a b-tree on the same expression.
 *
 * organization_names holds every normalized name a contact has had (a trigger keeps it, whoever writes the
 * contact); a name no contact has any more only costs a lookup that finds nobody.
 */
export class OrganizationNames1733702400000 implements MigrationInterface {
  name = 'OrganizationNames1733702400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE organization_names (name text PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE FUNCTION remember_organization_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO organization_names (name) VALUES (lower(normalize(NEW.organization_name, NFKC))) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER shared_contacts_organization_name AFTER INSERT OR UPDATE OF organization_name ON shared_contacts
        FOR EACH ROW EXECUTE FUNCTION remember_organization_name()`);
    await queryRunner.query(`
      INSERT INTO organization_names (name) SELECT DISTINCT lower(normalize(organization_name, NFKC)) FROM shared_contacts ON CONFLICT DO NOTHING`);
    await queryRunner.query(`CREATE INDEX organization_names_by_part ON organization_names USING gin (name gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX shared_contacts_by_organization ON shared_contacts (lower(normalize(organization_name, NFKC)), contact_id) WHERE NOT suspended`);
    await queryRunner.query(`DROP INDEX shared_contacts_by_organization_part`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX shared_contacts_by_organization_part ON shared_contacts USING gin (lower(normalize(organization_name, NFKC)) gin_trgm_ops)`);
    await queryRunner.query(`DROP INDEX shared_contacts_by_organization`);
    await queryRunner.query(`DROP TRIGGER shared_contacts_organization_name ON shared_contacts`);
    await queryRunner.query(`DROP FUNCTION remember_organization_name()`);
    await queryRunner.query(`DROP TABLE organization_names`);
  }
}
