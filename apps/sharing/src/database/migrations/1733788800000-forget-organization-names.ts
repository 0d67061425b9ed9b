import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * organization_names forgets a name once no contact has it: an erased person's organization (for a sole trader, the
 * person's own name) must not stay behind in the search's list of names, nor a name a correction replaced. Both
 * triggers take a lock on the name, so that a contact inserted with a name while the last other holder of that name is
 * erased cannot lose its entry: whichever commits second sees the other's row (each statement of a plpgsql function
 * reads anew in READ COMMITTED).
 */
export class ForgetOrganizationNames1733788800000 implements MigrationInterface {
  name = 'ForgetOrganizationNames1733788800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION remember_organization_name() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        new_name text := lower(normalize(NEW.organization_name, NFKC));
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('organization_names'), hashtext(new_name));
        INSERT INTO organization_names (name) VALUES (new_name) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION forget_organization_name() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_name text := lower(normalize(OLD.organization_name, NFKC));
      BEGIN
        IF TG_OP = 'UPDATE' AND old_name = lower(normalize(NEW.organization_name, NFKC)) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('organization_names'), hashtext(old_name));
        DELETE FROM organization_names n
         WHERE n.name = old_name
           AND NOT EXISTS (SELECT 1 FROM shared_contacts s WHERE lower(normalize(s.organization_name, NFKC)) = old_name AND NOT s.suspended)
           AND NOT EXISTS (SELECT 1 FROM shared_contacts s WHERE lower(normalize(s.organization_name, NFKC)) = old_name AND s.suspended);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER shared_contacts_forget_organization_name AFTER DELETE OR UPDATE OF organization_name ON shared_contacts
        FOR EACH ROW EXECUTE FUNCTION forget_organization_name()`);
    // The check for a suspended holder of the name, by index like the one for contacts in joint use.
    await queryRunner.query(`CREATE INDEX shared_contacts_suspended_by_organization ON shared_contacts (lower(normalize(organization_name, NFKC))) WHERE suspended`);
    await queryRunner.query(`
      DELETE FROM organization_names n
       WHERE NOT EXISTS (SELECT 1 FROM shared_contacts s WHERE lower(normalize(s.organization_name, NFKC)) = n.name)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX shared_contacts_suspended_by_organization`);
    await queryRunner.query(`DROP TRIGGER shared_contacts_forget_organization_name ON shared_contacts`);
    await queryRunner.query(`DROP FUNCTION forget_organization_name()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION remember_organization_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO organization_names (name) VALUES (lower(normalize(NEW.organization_name, NFKC))) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
  }
}
