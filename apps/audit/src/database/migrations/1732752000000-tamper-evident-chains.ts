import { createOutboxTable } from '@registry/kafka';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_SERVICE_ROLE } from '../audit-service-role';
import { backfillChain } from './backfill-chain';

/**
 * Makes the audit records tamper-evident: each chain (accesses, provisions, company register) links its
 * records by SHA-256 in sequence order, under a head row that serialises writers; signed checkpoints seal
 * the heads; records are append-only for everyone (a trigger) and the service's role can only insert and
 * read them. Retention goes through one function that removes a chain's oldest records up to a checkpoint.
 */
export class TamperEvidentChains1732752000000 implements MigrationInterface {
  name = 'TamperEvidentChains1732752000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string, parameters?: unknown[]) => queryRunner.query(sql, parameters);

    await q(`
      CREATE TABLE company_register_records (
        seq            bigint PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        company_code   text NOT NULL,
        version        integer NOT NULL,
        legal_name     text NOT NULL,
        country        text NOT NULL,
        relationship   text NOT NULL,
        joined_on      date NOT NULL,
        left_on        date,
        active         boolean NOT NULL,
        changed_by     text NOT NULL,
        changed_at     timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL,
        prev_hash      char(64) NOT NULL,
        hash           char(64) NOT NULL
      )`);
    await q(`CREATE INDEX company_register_records_by_company ON company_register_records (company_code, seq DESC)`);

    for (const table of ['access_records', 'provision_records']) {
      // Sequence numbers are handed out under the chain's head lock from now on, so they have no gaps.
      await q(`ALTER TABLE ${table} ALTER COLUMN seq DROP DEFAULT`);
      await q(`DROP SEQUENCE IF EXISTS ${table}_seq_seq`);
      await q(`ALTER TABLE ${table} ALTER COLUMN recorded_at DROP DEFAULT`);
      await q(`ALTER TABLE ${table} ADD COLUMN prev_hash char(64), ADD COLUMN hash char(64)`);
      // The version of the joint-use notice the access or provision was decided under; null for records from before it was recorded.
      await q(`ALTER TABLE ${table} ADD COLUMN notice_version text`);
    }

    await q(`
      CREATE TABLE chain_heads (
        chain     text PRIMARY KEY,
        seq       bigint NOT NULL,
        hash      char(64) NOT NULL,
        records   bigint NOT NULL
      )`);
    await q(`
      CREATE TABLE chain_checkpoints (
        id         bigserial PRIMARY KEY,
        chain      text NOT NULL REFERENCES chain_heads (chain),
        seq        bigint NOT NULL,
        hash       char(64) NOT NULL,
        records    bigint NOT NULL,
        sealed_at  timestamptz NOT NULL,
        key_id     text NOT NULL,
        signature  text NOT NULL,
        UNIQUE (chain, seq)
      )`);
    await q(`
      CREATE TABLE chain_purges (
        id            bigserial PRIMARY KEY,
        chain         text NOT NULL REFERENCES chain_heads (chain),
        through_seq   bigint NOT NULL,
        hash          char(64) NOT NULL,
        cutoff        timestamptz NOT NULL,
        purged        bigint NOT NULL,
        purged_at     timestamptz NOT NULL,
        key_id        text NOT NULL,
        signature     text NOT NULL
      )`);
    await q(`
      CREATE TABLE chain_verifications (
        id            bigserial PRIMARY KEY,
        mode          text NOT NULL CHECK (mode IN ('INCREMENTAL', 'FULL')),
        status        text NOT NULL CHECK (status IN ('INTACT', 'BROKEN')),
        verified_at   timestamptz NOT NULL,
        report        jsonb NOT NULL
      )`);
    await q(`
      CREATE TABLE alerts (
        id               uuid PRIMARY KEY,
        rule             text NOT NULL CHECK (rule IN ('READ_RATE', 'REPEATED_REFUSALS', 'INELIGIBLE_COMPANY')),
        company_code     text NOT NULL,
        detail           text NOT NULL,
        occurrences      integer NOT NULL DEFAULT 1,
        raised_at        timestamptz NOT NULL,
        last_seen_at     timestamptz NOT NULL,
        acknowledged_at  timestamptz,
        acknowledged_by  text,
        note             text
      )`);
    // At most one open alert per rule and company: further occurrences are counted on it.
    await q(`CREATE UNIQUE INDEX alerts_one_open_per_rule ON alerts (rule, company_code) WHERE acknowledged_at IS NULL`);
    await q(`CREATE INDEX alerts_newest ON alerts (raised_at DESC, id)`);
    // What the rate rules add up: per company and minute, contacts read and refusals. Not evidence; pruned as windows pass.
    await q(`
      CREATE TABLE alert_activity (
        company_code   text NOT NULL,
        minute         timestamptz NOT NULL,
        contacts_read  bigint NOT NULL,
        refusals       bigint NOT NULL,
        PRIMARY KEY (company_code, minute)
      )`);
    await createOutboxTable(queryRunner);

    // Indexes for the administrator's searches, newest first by the time of access.
    await q(`DROP INDEX access_records_by_time`);
    await q(`DROP INDEX access_records_by_company_time`);
    await q(`CREATE INDEX access_records_by_time ON access_records (accessed_at DESC, seq DESC)`);
    await q(`CREATE INDEX access_records_by_company_time ON access_records (company_code, accessed_at DESC, seq DESC)`);
    await q(`CREATE INDEX access_records_by_purpose_time ON access_records (purpose, accessed_at DESC, seq DESC)`);
    await q(`CREATE INDEX access_records_refused_by_time ON access_records (reason, accessed_at DESC, seq DESC) WHERE outcome = 'DENIED'`);
    await q(`CREATE INDEX provision_records_by_contact_time ON provision_records (contact_id, provided_at DESC)`);

    for (const chain of ['accesses', 'provisions', 'company-register'] as const) {
      const head = await backfillChain(queryRunner, chain);
      await q(`INSERT INTO chain_heads (chain, seq, hash, records) VALUES ($1, $2, $3, $4)`, [chain, head.seq, head.hash, head.records]);
    }
    for (const table of ['access_records', 'provision_records']) {
      await q(`ALTER TABLE ${table} ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    }

    await q(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('audit.purging', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['access_records', 'provision_records', 'company_register_records', 'chain_checkpoints', 'chain_purges', 'chain_verifications']) {
      await q(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
      await q(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    }

    // Retention's only way to remove records: a whole prefix of one chain, through a checkpoint, all older
    // than the cutoff, and the cutoff at least a year back whatever the caller asks.
    await q(`
      CREATE FUNCTION purge_chain_prefix(p_chain text, p_through_seq bigint, p_cutoff timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_table text;
        v_time  text;
        v_young boolean;
        v_count bigint;
      BEGIN
        IF p_cutoff > now() - interval '365 days' THEN
          RAISE EXCEPTION 'retention cutoff % is less than a year ago', p_cutoff;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM chain_checkpoints WHERE chain = p_chain AND seq = p_through_seq) THEN
          RAISE EXCEPTION 'no checkpoint of chain % at seq %', p_chain, p_through_seq;
        END IF;
        SELECT t, c INTO v_table, v_time FROM (VALUES
          ('accesses', 'access_records', 'accessed_at'),
          ('provisions', 'provision_records', 'provided_at'),
          ('company-register', 'company_register_records', 'changed_at')) AS m(n, t, c) WHERE n = p_chain;
        IF v_table IS NULL THEN
          RAISE EXCEPTION 'unknown chain %', p_chain;
        END IF;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE seq <= $1 AND %I >= $2)', v_table, v_time)
          INTO v_young USING p_through_seq, p_cutoff;
        IF v_young THEN
          RAISE EXCEPTION 'chain % has records younger than % at or before seq %', p_chain, p_cutoff, p_through_seq;
        END IF;
        PERFORM set_config('audit.purging', 'on', true);
        EXECUTE format('DELETE FROM %I WHERE seq <= $1', v_table) USING p_through_seq;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        PERFORM set_config('audit.purging', 'off', true);
        RETURN v_count;
      END $$`);

    // The role the service acts as (see audit-service-role.ts). Roles belong to the whole server, so it may exist already.
    await q(`
      DO $$ BEGIN
        CREATE ROLE ${AUDIT_SERVICE_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q(`GRANT ${AUDIT_SERVICE_ROLE} TO CURRENT_USER`);
    await q(`GRANT SELECT, INSERT ON access_records, provision_records, company_register_records, chain_checkpoints, chain_purges, chain_verifications TO ${AUDIT_SERVICE_ROLE}`);
    await q(`GRANT SELECT, INSERT, UPDATE ON chain_heads, alerts, outbox TO ${AUDIT_SERVICE_ROLE}`);
    await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON alert_activity TO ${AUDIT_SERVICE_ROLE}`);
    await q(`GRANT DELETE ON outbox TO ${AUDIT_SERVICE_ROLE}`);
    await q(`GRANT SELECT, INSERT ON processed_events TO ${AUDIT_SERVICE_ROLE}`);
    await q(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${AUDIT_SERVICE_ROLE}`);
    await q(`REVOKE ALL ON FUNCTION purge_chain_prefix(text, bigint, timestamptz) FROM PUBLIC`);
    await q(`GRANT EXECUTE ON FUNCTION purge_chain_prefix(text, bigint, timestamptz) TO ${AUDIT_SERVICE_ROLE}`);
  }

  async down(): Promise<void> {
    throw new Error('the audit chain cannot be taken apart: restore from a backup instead');
  }
}
