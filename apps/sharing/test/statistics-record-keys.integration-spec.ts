import { cellKey, publishTable, recordKey, type KeyedCell } from '@registry/policy';
import { createTestDatabase, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { sharingDatabaseOptions } from '../src/database/data-source';
import { keyedCells, STATISTICS_DIMENSIONS, type StatisticsDimension } from '../src/statistics/keyed-cells';
import { RecordKeys } from '../src/statistics/record-keys';

const CONTACTS = 3_000;
const perturbation = { minCell: 5, maxNoise: 2 };
const dimensions = Object.keys(STATISTICS_DIMENSIONS) as StatisticsDimension[];

/** The statistics as they were computed before the database summed keys: every contact fetched, keyed and counted here. */
async function previousTable(dataSource: DataSource, by: StatisticsDimension, secret: string) {
  const rows: { key: string; contact_id: string }[] = await dataSource.query(
    `SELECT ${STATISTICS_DIMENSIONS[by]} AS key, contact_id FROM shared_contacts WHERE NOT suspended`,
  );
  const cells = new Map<string, KeyedCell>();
  for (const row of rows) {
    const cell = cells.get(row.key) ?? { key: row.key, count: 0, cellKey: 0 };
    cell.count += 1;
    cell.cellKey = cellKey([cell.cellKey, recordKey(secret, row.contact_id)]);
    cells.set(row.key, cell);
  }
  const keyed = [...cells.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { keyed, table: publishTable(keyed, perturbation), persons: rows.length };
}

async function currentTable(dataSource: DataSource, by: StatisticsDimension, keys: RecordKeys) {
  const { cells, persons } = await keyedCells(dataSource.manager, by, await keys.secret());
  return { keyed: cells, table: publishTable(cells, perturbation), persons };
}

describe('statistics summed by the database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const keysUnder = (secret: string) => new RecordKeys(dataSource, { secret });

  beforeAll(async () => {
    database = await createTestDatabase('sharing_stats');
    dataSource = await new DataSource(sharingDatabaseOptions(database.url, true)).initialize();
    // Contacts of many organizations (small cells to suppress among them), prefectures (some without an address),
    // methods and months, a tenth suspended by the administrator and some held by the person.
    await dataSource.query(
      `INSERT INTO shared_contacts (contact_id, version, name_full, organization_name, address, transaction_history, acquisition_method,
                                    acquired_on, acquiring_company_code, suspended_by_admin, subject_status)
       SELECT gen_random_uuid(), 1, 'name ' || n, '組織' || (n % 400) || CASE WHEN n % 7 = 0 THEN 'ｶﾌﾞｼｷ' ELSE '' END,
              CASE WHEN n % 13 = 0 THEN NULL ELSE jsonb_build_object('prefecture', 'P' || (n % 47)) END, '[]'::jsonb,
              (ARRAY['BUSINESS_CARD', 'WEB_INQUIRY', 'EVENT_APPLICATION'])[1 + n % 3], date '2024-01-01' + (n % 700), 'STAFFING-JP',
              n % 10 = 0, CASE WHEN n % 17 = 0 THEN 'HELD' ELSE 'ACTIVE' END
         FROM generate_series(1, $1::int) AS n`,
      [CONTACTS],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('publishes what fetching and keying every contact published, before, while and after the keys are stored', async () => {
    const keys = keysUnder('first secret');
    // No key stored yet: the cells are keyed from the contacts' ids alone.
    for (const by of dimensions) expect(await currentTable(dataSource, by, keys)).toEqual(await previousTable(dataSource, by, 'first secret'));

    await keys.keyAll();
    const [{ unkeyed }] = await dataSource.query(`SELECT count(*)::int AS unkeyed FROM shared_contacts WHERE record_key IS NULL`);
    expect(unkeyed).toBe(0);
    const some = await dataSource.query(`SELECT contact_id, record_key FROM shared_contacts LIMIT 50`);
    for (const row of some) expect(Number(row.record_key)).toBe(recordKey('first secret', row.contact_id));

    // Some keys missing again (rows written by other means): stored and missing keys are summed together.
    await dataSource.query(`UPDATE shared_contacts SET record_key = NULL WHERE organization_name LIKE '組織1%'`);
    for (const by of dimensions) {
      const previous = await previousTable(dataSource, by, 'first secret');
      const current = await currentTable(dataSource, by, keys);
      expect(current).toEqual(previous);
      // Small cells are suppressed, and the total is the perturbed count of the published and suppressed cells' persons.
      expect(current.table.cells.every((cell) => cell.count >= perturbation.minCell)).toBe(true);
    }
    expect((await currentTable(dataSource, 'organization', keys)).table.suppressedCells).toBeGreaterThan(0);
  });

  it('makes every key again when the secret changes, and answers as the new secret would meanwhile', async () => {
    const first = keysUnder('first secret');
    await first.keyAll();
    const second = keysUnder('second secret');
    // Before the keys are made again, the stored ones (of the first secret) are not used.
    for (const by of dimensions) expect(await currentTable(dataSource, by, second)).toEqual(await previousTable(dataSource, by, 'second secret'));
    await second.keyAll();
    const some = await dataSource.query(`SELECT contact_id, record_key FROM shared_contacts WHERE record_key IS NOT NULL LIMIT 50`);
    expect(some).toHaveLength(50);
    for (const row of some) expect(Number(row.record_key)).toBe(recordKey('second secret', row.contact_id));
    const [{ unkeyed }] = await dataSource.query(`SELECT count(*)::int AS unkeyed FROM shared_contacts WHERE record_key IS NULL`);
    expect(unkeyed).toBe(0);
    for (const by of dimensions) expect(await currentTable(dataSource, by, second)).toEqual(await previousTable(dataSource, by, 'second secret'));
    // The first secret's answers come back when it does.
    await first.keyAll();
    for (const by of dimensions) expect(await currentTable(dataSource, by, first)).toEqual(await previousTable(dataSource, by, 'first secret'));
  });
});
