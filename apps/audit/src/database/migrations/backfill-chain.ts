import type { QueryRunner } from 'typeorm';
import { CHAINS, chainHash, GENESIS_HASH, selectColumns, toChainRecord, type ChainName } from '../../chain/chains';

/**
 * Links the records a table already holds into its chain, in sequence order; returns the head. Runs in the
 * migration that created the chains, before any field was added later: those are null then, and left out.
 */
export async function backfillChain(queryRunner: QueryRunner, name: ChainName): Promise<{ seq: string; hash: string; records: number }> {
  const chain = { ...CHAINS[name], fields: CHAINS[name].fields.filter((field) => !field.addedLater) };
  let head = { seq: '0', hash: GENESIS_HASH, records: 0 };
  for (;;) {
    const rows: Record<string, unknown>[] = await queryRunner.query(
      `SELECT ${selectColumns(chain)} FROM ${chain.table} WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [head.seq],
    );
    if (rows.length === 0) return head;
    for (const row of rows) {
      const record = toChainRecord(chain, row);
      const hash = chainHash(name, head.hash, record);
      await queryRunner.query(`UPDATE ${chain.table} SET prev_hash = $2, hash = $3 WHERE seq = $1`, [record.seq, head.hash, hash]);
      head = { seq: record.seq, hash, records: head.records + 1 };
    }
  }
}
