import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_SERVICE_ROLE } from '../audit-service-role';

/**
 * Running the chains at scale: scheduled verifications claim their turn in a row, so that of several
 * replicas one runs each; a broken chain raises a CHAIN_BROKEN alert; retention deletes a purge's records
 * in bounded batches after the signed purge record is written, each batch its own short transaction.
 */
export class ChainOperations1733443200000 implements MigrationInterface {
  name = 'ChainOperations1733443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      CREATE TABLE scheduled_runs (
        job               text PRIMARY KEY,
        last_started_at   timestamptz,
        last_finished_at  timestamptz,
        last_status       text
      )`);
    await q(`GRANT SELECT, INSERT, UPDATE ON scheduled_runs TO ${AUDIT_SERVICE_ROLE}`);

    await q(`ALTER TABLE alerts DROP CONSTRAINT alerts_rule_check`);
    await q(`ALTER TABLE alerts ADD CONSTRAINT alerts_rule_check CHECK (rule IN ('READ_RATE', 'REPEATED_REFUSALS', 'INELIGIBLE_COMPANY', 'CHAIN_BROKEN'))`);

    // Deletes at most p_limit of the oldest records the chain's latest purge record covers. The signed purge
    // record comes first, so a purge interrupted between batches leaves a chain that verifies from it; the
    // same rules as purge_chain_prefix hold: through a checkpoint, only records older than a cutoff a year back.
    await q(`
      CREATE FUNCTION purge_chain_batch(p_chain text, p_limit integer) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_table   text;
        v_time    text;
        v_through bigint;
        v_cutoff  timestamptz;
        v_young   boolean;
        v_count   bigint;
      BEGIN
        IF p_limit < 1 OR p_limit > 100000 THEN
          RAISE EXCEPTION 'purge batch size % is outside 1..100000', p_limit;
        END IF;
        SELECT through_seq, cutoff INTO v_through, v_cutoff FROM chain_purges WHERE chain = p_chain ORDER BY through_seq DESC, id DESC LIMIT 1;
        IF v_through IS NULL THEN
          RETURN 0;
        END IF;
        IF v_cutoff > now() - interval '365 days' THEN
          RAISE EXCEPTION 'retention cutoff % is less than a year ago', v_cutoff;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM chain_checkpoints WHERE chain = p_chain AND seq = v_through) THEN
          RAISE EXCEPTION 'no checkpoint of chain % at seq %', p_chain, v_through;
        END IF;
        SELECT t, c INTO v_table, v_time FROM (VALUES
          ('accesses', 'access_records', 'accessed_at'),
          ('provisions', 'provision_records', 'provided_at'),
          ('company-register', 'company_register_records', 'changed_at')) AS m(n, t, c) WHERE n = p_chain;
        IF v_table IS NULL THEN
          RAISE EXCEPTION 'unknown chain %', p_chain;
        END IF;
        PERFORM set_config('audit.purging', 'on', true);
        EXECUTE format(
          'WITH batch AS (SELECT seq, %2$I AS at FROM %1$I WHERE seq <= $1 ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED),
                gone AS (DELETE FROM %1$I t USING batch WHERE t.seq = batch.seq RETURNING batch.at)
           SELECT count(*), coalesce(bool_or(at >= $3), false) FROM gone', v_table, v_time)
          INTO v_count, v_young USING v_through, p_limit, v_cutoff;
        PERFORM set_config('audit.purging', 'off', true);
        IF v_young THEN
          RAISE EXCEPTION 'chain % has records younger than % at or before seq %', p_chain, v_cutoff, v_through;
        END IF;
        RETURN v_count;
      END $$`);
    await q(`REVOKE ALL ON FUNCTION purge_chain_batch(text, integer) FROM PUBLIC`);
    await q(`GRANT EXECUTE ON FUNCTION purge_chain_batch(text, integer) TO ${AUDIT_SERVICE_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION purge_chain_batch(text, integer)`);
    await queryRunner.query(`ALTER TABLE alerts DROP CONSTRAINT alerts_rule_check`);
    await queryRunner.query(`ALTER TABLE alerts ADD CONSTRAINT alerts_rule_check CHECK (rule IN ('READ_RATE', 'REPEATED_REFUSALS', 'INELIGIBLE_COMPANY'))`);
    await queryRunner.query(`DROP TABLE scheduled_runs`);
  }
}
