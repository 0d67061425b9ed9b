import { createOutboxTable } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContacts1732406400000 implements MigrationInterface {
  name = 'CreateContacts1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contacts (
        id                      uuid PRIMARY KEY,
        version                 integer NOT NULL,
        name_full               text NOT NULL,
        name_kana               text,
        organization_name       text NOT NULL,
        postal_code             text,
        prefecture              text,
        city                    text,
        street                  text,
        department              text,
        title                   text,
        email                   text,
        phone                   text,
        fax                     text,
        transaction_history     jsonb NOT NULL DEFAULT '[]'::jsonb,
        acquisition_method      text NOT NULL,
        acquired_on             date NOT NULL,
        acquiring_company_code  text NOT NULL,
        acquired_by             text NOT NULL,
        memo                    text,
        card_image_ref          text,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX contacts_by_company_created ON contacts (acquiring_company_code, created_at DESC, id)`);
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE contacts`);
  }
}
