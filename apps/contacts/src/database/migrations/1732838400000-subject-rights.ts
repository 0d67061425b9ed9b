import { allowOutboxTombstones } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data subjects' rights: each contact's joint-use status, the requests the administrator handles with their
 * timelines, the suppression list of people who asked not to be contacted again (keyed hashes only), and the
 * desk's alerts. Erasure publishes tombstones, so the outbox may carry them.
 */
export class SubjectRights1732838400000 implements MigrationInterface {
  name = 'SubjectRights1732838400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await allowOutboxTombstones(queryRunner);
    await q(`ALTER TABLE contacts ADD COLUMN joint_use text NOT NULL DEFAULT 'ACTIVE' CHECK (joint_use IN ('ACTIVE', 'SUSPENDED', 'HELD'))`);
    await q(`CREATE INDEX contacts_held ON contacts (seq) WHERE joint_use <> 'ACTIVE'`);
    await q(`CREATE INDEX contacts_by_phone ON contacts (phone) WHERE phone IS NOT NULL`);
    await q(`CREATE INDEX contacts_by_name ON contacts (lower(regexp_replace(normalize(name_full, NFKC), '\\s', '', 'g')))`);
    await q(`CREATE INDEX contacts_by_kana ON contacts (lower(regexp_replace(normalize(name_kana, NFKC), '\\s', '', 'g'))) WHERE name_kana IS NOT NULL`);
    await q(`
      CREATE TABLE subject_requests (
        id               uuid PRIMARY KEY,
        type             text NOT NULL,
        status           text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        person           jsonb NOT NULL,
        matched_ids      uuid[] NOT NULL DEFAULT '{}',
        confirmed_ids    uuid[] NOT NULL DEFAULT '{}',
        opened_at        timestamptz NOT NULL,
        opened_by        text NOT NULL,
        closed_at        timestamptz,
        outcome          text
      )`);
    await q(`CREATE INDEX subject_requests_open ON subject_requests (opened_at) WHERE status = 'OPEN'`);
    await q(`
      CREATE TABLE subject_request_timeline (
        id          bigserial PRIMARY KEY,
        request_id  uuid NOT NULL REFERENCES subject_requests (id),
        at          timestamptz NOT NULL,
        actor       text NOT NULL,
        step        text NOT NULL,
        detail      jsonb NOT NULL DEFAULT '{}'
      )`);
    await q(`CREATE INDEX subject_request_timeline_by_request ON subject_request_timeline (request_id, id)`);
    await q(`
      CREATE TABLE suppressions (
        id          bigserial PRIMARY KEY,
        email_hash  text,
        phone_hash  text,
        request_id  uuid NOT NULL REFERENCES subject_requests (id),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (email_hash IS NOT NULL OR phone_hash IS NOT NULL)
      )`);
    await q(`CREATE INDEX suppressions_by_email ON suppressions (email_hash) WHERE email_hash IS NOT NULL`);
    await q(`CREATE INDEX suppressions_by_phone ON suppressions (phone_hash) WHERE phone_hash IS NOT NULL`);
    await q(`
      CREATE TABLE desk_alerts (
        id               uuid PRIMARY KEY,
        kind             text NOT NULL CHECK (kind IN ('REQUEST_OVERDUE', 'SUPPRESSED_PERSON_RETURNED')),
        subject_id       uuid NOT NULL,
        detail           text NOT NULL,
        raised_at        timestamptz NOT NULL,
        acknowledged_at  timestamptz,
        acknowledged_by  text,
        note             text
      )`);
    await q(`CREATE UNIQUE INDEX desk_alerts_one_open ON desk_alerts (kind, subject_id) WHERE acknowledged_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['desk_alerts', 'suppressions', 'subject_request_timeline', 'subject_requests']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`ALTER TABLE contacts DROP COLUMN joint_use`);
  }
}
