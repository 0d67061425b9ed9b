import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createTestDatabase, startInProcess, type TestDatabase } from '@registry/testing';
import { Client } from 'pg';
import { ACCESS_CSV_HEADER } from '../src/accesses/access-csv';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const admin = bearer('admin', 'GROUP-HD');
const ROWS = 250_000;
const START = Date.parse('2026-01-01T00:00:00Z');
/** Row i: one second after row i-1; companies, purposes and refusals in fixed patterns. */
const SEED = `
  INSERT INTO access_records (seq, event_id, access_id, company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at, recorded_at, prev_hash, hash)
  SELECT i, gen_random_uuid(), gen_random_uuid(), (ARRAY['STAFFING-JP', 'TRAVEL-JP', 'FINANCE-JP'])[1 + i % 3], 'crm-sync', 'READ_CONTACT',
         (ARRAY['PRODUCT_INFO', 'MARKETING', 'RECRUITING', 'SERVICE_IMPROVEMENT'])[1 + i % 4],
         ARRAY[gen_random_uuid()], CASE WHEN i % 10 = 0 THEN 'DENIED' ELSE 'GRANTED' END, CASE WHEN i % 10 = 0 THEN 'PURPOSE_NOT_ALLOWED' END,
         timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => i), now(), repeat('0', 64), repeat('0', 64)
  FROM generate_series(1, ${ROWS}) AS i`;

describe('audit search and export over many records', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;
  let url: string;

  const search = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/audit/accesses?${query}`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    return response.json() as { records: { seq: string; accessedAt: string; companyCode: string; purpose: string; outcome: string }[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    database = await createTestDatabase('audit_export');
    app = await startInProcess((settings) => createAuditApp(settings, { consume: false }), auditTestSettings(database.url));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    // Straight into the table: these tests are about reading, and a quarter of a million chained appends would take minutes.
    await owner.query(SEED);
    await owner.query(`ANALYZE access_records`);
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('pages through a time range newest first, without gaps or repeats', async () => {
    const from = new Date(START + 1_000_000).toISOString();
    const to = new Date(START + 1_100_000).toISOString();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(`from=${from}&to=${to}&limit=30${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.records.map((r) => r.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => String(1099 - i)));
  });

  it('combines filters', async () => {
    // TRAVEL-JP, RECRUITING and refused: every row whose number is 10 more than a multiple of 60.
    const page = await search('companyCode=TRAVEL-JP&purpose=RECRUITING&outcome=DENIED&reason=PURPOSE_NOT_ALLOWED&limit=5');
    expect(page.records.map((r) => r.seq)).toEqual(['249970', '249910', '249850', '249790', '249730']);
    for (const record of page.records) expect(record).toEqual(expect.objectContaining({ companyCode: 'TRAVEL-JP', purpose: 'RECRUITING', outcome: 'DENIED' }));
  });

  it('answers each filter from an index, not by reading the whole table', async () => {
    const filters = [
      `company_code = 'TRAVEL-JP'`,
      `purpose = 'MARKETING'`,
      `outcome = 'DENIED' AND reason = 'PURPOSE_NOT_ALLOWED'`,
      `contact_ids @> ARRAY['${(await owner.query(`SELECT contact_ids[1] AS id FROM access_records WHERE seq = 1234`)).rows[0].id}']::uuid[]`,
      `accessed_at >= '2026-01-02' AND accessed_at < '2026-01-03'`,
      `company_code = 'FINANCE-JP' AND accessed_at >= '2026-01-02' AND accessed_at < '2026-01-03'`,
    ];
    for (const filter of filters) {
      const plan = JSON.stringify((await owner.query(`EXPLAIN (FORMAT JSON) SELECT * FROM access_records WHERE ${filter} ORDER BY accessed_at DESC, seq DESC LIMIT 51`)).rows);
      expect({ filter, seqScan: plan.includes('"Seq Scan"') }).toEqual({ filter, seqScan: false });
    }
  });

  it('counts one company’s accesses by purpose and outcome over a period', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/audit/companies/STAFFING-JP/summary?from=2026-01-01T00:00:00Z&to=${new Date(START + 120_000).toISOString()}`,
      headers: { authorization: admin },
    });
    // Seconds 1..119 whose number is a multiple of 3: 3, 6, ..., 117 (39 of them); every 10th of those (30, 60, 90) refused.
    const counts = response.json().counts as { purpose: string; outcome: string; count: number }[];
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(39);
    expect(counts.filter((c) => c.outcome === 'DENIED').reduce((sum, c) => sum + c.count, 0)).toBe(3);
  });

  it('streams every matching row as CSV, a quarter of a million of them', async () => {
    const response = await fetch(`${url}/audit/accesses/export.csv`, { headers: { authorization: admin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="accesses-.*\.csv"$/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let lines = 0;
    let first = '';
    let second = '';
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      const text = rest + decoder.decode(value, { stream: true });
      const parts = text.split('\r\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (lines === 0) first = line;
        if (lines === 1) second = line;
        lines += 1;
      }
    }
    expect(rest).toBe('');
    expect(first).toBe(ACCESS_CSV_HEADER.join(','));
    expect(lines).toBe(ROWS + 1);
    expect(second).toMatch(/^2026-01-03T21:26:40\.000Z,TRAVEL-JP,READ_CONTACT,PRODUCT_INFO,DENIED,PURPOSE_NOT_ALLOWED,.*,250000,/);
    expect(chunks).toBeGreaterThan(10);
  }, 120_000);

  it('exports with the same filters as the search, and to the administrator only', async () => {
    const response = await app.inject({ method: 'GET', url: '/audit/accesses/export.csv?companyCode=TRAVEL-JP&purpose=RECRUITING&outcome=DENIED', headers: { authorization: admin } });
    expect(response.body.trim().split('\r\n')).toHaveLength(1 + 4167);
    const refused = await app.inject({ method: 'GET', url: '/audit/accesses/export.csv?outcome=NOPE', headers: { authorization: admin } });
    expect(refused.json()).toEqual(expect.objectContaining({ statusCode: 400, details: [expect.objectContaining({ field: 'outcome' })] }));
    expect((await app.inject({ method: 'GET', url: '/audit/accesses/export.csv', headers: { authorization: bearer('company', 'TRAVEL-JP') } })).statusCode).toBe(403);
  });
});
