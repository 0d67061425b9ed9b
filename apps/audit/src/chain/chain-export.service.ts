import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { canonicalRecord, CHAINS, selectColumns, toChainRecord, type ChainName } from './chains';

/** One line of a chain export: a record in the canonical form that is hashed, with its link and hash. */
export interface ChainExportLine {
  seq: string;
  prevHash: string;
  hash: string;
  /** Exactly the object whose canonical JSON (keys sorted) is hashed after prevHash: chain, seq and the fields. */
  record: Record<string, string | number | boolean | string[] | null>;
}

const PAGE = 2_000;

@Injectable()
export class ChainExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The chain's records, oldest first, as JSON lines, up to the head as it is when the export starts, a page at a
   * time so any length streams in constant memory. Records are append-only, so pages by sequence number make one
   * consistent prefix of the chain (a retention purge meanwhile only moves where it starts).
   */
  async *lines(name: ChainName): AsyncGenerator<string> {
    const chain = CHAINS[name];
    const [head] = (await this.dataSource.query(`SELECT seq FROM chain_heads WHERE chain = $1`, [name])) as { seq: string }[];
    const through = head?.seq ?? '0';
    let after = '0';
    for (;;) {
      const rows = (await this.dataSource.query(`SELECT ${selectColumns(chain)} FROM ${chain.table} WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${PAGE}`, [
        after,
        through,
      ])) as Record<string, unknown>[];
      let page = '';
      for (const row of rows) {
        const record = toChainRecord(chain, row);
        const line: ChainExportLine = { seq: record.seq, prevHash: String(row['prev_hash']), hash: String(row['hash']), record: canonicalRecord(name, record) };
        page += `${JSON.stringify(line)}\n`;
        after = record.seq;
      }
      if (page) yield page;
      if (rows.length < PAGE) return;
    }
  }
}
