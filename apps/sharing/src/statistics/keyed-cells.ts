import { CELL_KEY_RANGE, cellKey, recordKey, type KeyedCell } from '@registry/policy';
import type { EntityManager } from 'typeorm';

/** The statistics' dimensions: the expression each groups shared contacts by. */
export const STATISTICS_DIMENSIONS = {
  acquisitionMethod: `acquisition_method`,
  prefecture: `coalesce(address->>'prefecture', '(none)')`,
  organization: `organization_name`,
  month: `to_char(acquired_on, 'YYYY-MM')`,
} as const;

export type StatisticsDimension = keyof typeof STATISTICS_DIMENSIONS;

interface CellRow {
  key: string;
  count: number;
  key_sum: string | null;
  unkeyed: string[];
}

/**
 * The cells of the shared contacts in joint use by one dimension, each with its count and cell key, in key order:
 * the database counts the contacts and sums their stored record keys per cell; the keys of contacts it holds none
 * for (not yet keyed, or keyed under another secret than `fingerprint`'s) are made here. The cell key is the sum
 * of the record keys modulo the key range, however it is split, so the result is exactly cellKey of every record key.
 */
export async function keyedCells(
  manager: EntityManager,
  by: StatisticsDimension,
  { secret, fingerprint }: { secret: string; fingerprint: string },
): Promise<{ cells: KeyedCell[]; persons: number }> {
  const rows = (await manager.query(
    `WITH keys AS (SELECT secret_fingerprint IS NOT DISTINCT FROM $1 AS current FROM statistics_record_keys WHERE id = 1)
     SELECT ${STATISTICS_DIMENSIONS[by]} AS key, count(*)::int AS count,
            (sum(s.record_key) FILTER (WHERE k.current) % ${CELL_KEY_RANGE})::text AS key_sum,
            coalesce(array_agg(s.contact_id::text) FILTER (WHERE s.record_key IS NULL OR NOT k.current), '{}') AS unkeyed
       FROM shared_contacts s CROSS JOIN keys k
      WHERE NOT s.suspended
      GROUP BY 1`,
    [fingerprint],
  )) as CellRow[];
  let persons = 0;
  const cells = rows.map((row): KeyedCell => {
    persons += row.count;
    const keys = row.unkeyed.map((contactId) => recordKey(secret, contactId));
    return { key: row.key, count: row.count, cellKey: cellKey([Number(row.key_sum ?? 0), ...keys]) };
  });
  // The order the process has always published in (UTF-16 code units), not the database's collation.
  cells.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { cells, persons };
}
