import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HIRAGANA, KATAKANA, readingSql } from '../../contacts/contact-identity';

/** Person keys fold a name written in hiragana to katakana, as identityKeys() now does, so that both spellings link. */
export class PersonKeyKanaReading1733300000000 implements MigrationInterface {
  name = 'PersonKeyKanaReading1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE contacts SET person_key = ${readingSql('name_full', '$1', '$2')} || '|' ||
         lower(regexp_replace(normalize(organization_name, NFKC), '\\s', '', 'g')) || '|' || phone
       WHERE phone IS NOT NULL`,
      [HIRAGANA, KATAKANA],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE contacts SET person_key =
        lower(regexp_replace(normalize(name_full, NFKC), '\\s', '', 'g')) || '|' ||
        lower(regexp_replace(normalize(organization_name, NFKC), '\\s', '', 'g')) || '|' || phone
      WHERE phone IS NOT NULL`);
  }
}
