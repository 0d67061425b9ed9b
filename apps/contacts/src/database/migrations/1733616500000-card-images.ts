import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Card images, one per acquisition, kept in contacts alone; deleting the acquisition (erasure) deletes its image. */
export class CardImages1733616500000 implements MigrationInterface {
  name = 'CardImages1733616500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE card_images (
        acquisition_id uuid PRIMARY KEY REFERENCES acquisitions (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL,
        media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX card_images_contact_id ON card_images (contact_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE card_images`);
  }
}
