import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chainHash, recordsetColumns, toChainRecord, toRow, type ChainDefinition, type ChainRecord } from './chains';

/** What a consumer hands the chain: a record's fields by column name, without sequence number, hashes or recorded time. */
export type NewRecord = Record<string, unknown> & { event_id: string };

@Injectable()
export class ChainWriter {
  /**
   * Appends the records whose event ids the chain does not hold yet, in the order given, inside the caller's
   * transaction. The head row stays locked until that transaction ends, so the chain has one order and no gaps.
   * Returns the records appended.
   */
  async append(manager: EntityManager, chain: ChainDefinition, candidates: readonly NewRecord[]): Promise<ChainRecord[]> {
    const [head] = (await manager.query(`SELECT seq, hash FROM chain_heads WHERE chain = $1 FOR UPDATE`, [chain.name])) as { seq: string; hash: string }[];
    if (!head) throw new Error(`chain ${chain.name} has no head: have the migrations run?`);
    const eventIds = candidates.map((candidate) => candidate.event_id);
    const known = (await manager.query(`SELECT event_id FROM ${chain.table} WHERE event_id = ANY($1::uuid[])`, [eventIds])) as { event_id: string }[];
    const seen = new Set(known.map((row) => row.event_id));

    const recordedAt = new Date();
    let seq = BigInt(head.seq);
    let hash = head.hash;
    const appended: ChainRecord[] = [];
    const rows: Record<string, unknown>[] = [];
    for (const candidate of candidates) {
      if (seen.has(candidate.event_id)) continue;
      seen.add(candidate.event_id);
      seq += 1n;
      const record = toChainRecord(chain, { ...candidate, seq: seq.toString(), recorded_at: recordedAt });
      const recordHash = chainHash(chain.name, hash, record);
      rows.push(toRow(chain, record, hash, recordHash));
      appended.push(record);
      hash = recordHash;
    }
    if (rows.length === 0) return [];

    // The records and the head's move in one statement: one round trip per batch, whatever its size.
    const columns = ['seq', ...chain.fields.map((f) => f.column), 'prev_hash', 'hash'].join(', ');
    await manager.query(
      `WITH appended AS (INSERT INTO ${chain.table} (${columns}) SELECT ${columns} FROM jsonb_to_recordset($5::jsonb) AS r(${recordsetColumns(chain)}))
       UPDATE chain_heads SET seq = $2, hash = $3, records = records + $4 WHERE chain = $1`,
      [chain.name, seq.toString(), hash, rows.length, JSON.stringify(rows)],
    );
    return appended;
  }
}
