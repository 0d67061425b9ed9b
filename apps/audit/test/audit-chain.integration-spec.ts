import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccessRecordedEvent } from '@registry/contracts';
import { bearer, createTestDatabase, sampleAccessEvent, startInProcess, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { CHAINS, chainHash, selectColumns, toChainRecord } from '../src/chain/chains';
import { CheckpointsService } from '../src/chain/checkpoints.service';
import type { VerificationReport } from '../src/chain/verification.service';
import { AUDIT_SERVICE_ROLE } from '../src/database/audit-service-role';
import { auditTestSettings } from './audit-test-settings';

const admin = bearer('admin', 'GROUP-HD');
const company = `CHAIN-${uniqueSuffix()}`;

describe('audit chain', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  /** The database owner, as someone with full access to the server would be. */
  let owner: Client;

  const verify = async (full = true): Promise<VerificationReport> => {
    const response = await app.inject({ method: 'GET', url: `/audit/verify${full ? '?full=true' : ''}`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const accesses = (report: VerificationReport) => report.chains.find((c) => c.chain === 'accesses');
  const ingest = (events: AccessRecordedEvent[]) => app.get(AccessRecordsService).ingest(events);
  const seal = () => app.get(CheckpointsService).sealAll();

  /** Runs raw SQL as the owner with triggers bypassed, as an attacker with superuser rights could. */
  const tamper = async (...statements: string[]) => {
    await owner.query(`SET session_replication_role = replica`);
    try {
      for (const statement of statements) await owner.query(statement);
    } finally {
      await owner.query(`SET session_replication_role = DEFAULT`);
    }
  };

  /** Applies a tampering, expects verification to find it, then restores the table and head as they were. */
  const expectDetected = async (statements: string[], expected: { seq: string; problem: RegExp; recordMissing?: boolean }) => {
    const rows = (await owner.query(`SELECT * FROM access_records ORDER BY seq`)).rows;
    const [head] = (await owner.query(`SELECT * FROM chain_heads WHERE chain = 'accesses'`)).rows;
    await tamper(...statements);
    try {
      const report = await verify();
      expect(report.status).toBe('BROKEN');
      expect(accesses(report)?.firstBroken).toEqual({
        seq: expected.seq,
        eventId: expected.recordMissing ? null : expect.any(String),
        problem: expect.stringMatching(expected.problem),
      });
    } finally {
      await tamper(
        `DELETE FROM access_records`,
        `INSERT INTO access_records SELECT * FROM jsonb_populate_recordset(NULL::access_records, '${JSON.stringify(rows).replace(/'/g, "''")}')`,
        `UPDATE chain_heads SET seq = ${head.seq}, hash = '${head.hash}', records = ${head.records} WHERE chain = 'accesses'`,
      );
    }
    expect((await verify()).status).toBe('INTACT');
  };

  beforeAll(async () => {
    database = await createTestDatabase('audit_chain');
    app = await startInProcess((settings) => createAuditApp(settings, { consume: false }), auditTestSettings(database.url, { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400' }));
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    await ingest(Array.from({ length: 10 }, () => sampleAccessEvent({ companyCode: company })));
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('links each record to the one before it and verifies intact', async () => {
    const report = await verify();
    expect(report).toEqual(expect.objectContaining({ status: 'INTACT', mode: 'FULL' }));
    expect(accesses(report)).toEqual(expect.objectContaining({ status: 'INTACT', headSeq: '10', checkedFrom: '0', checkedRecords: 10, firstBroken: null }));
    const rows = (await owner.query(`SELECT ${selectColumns(CHAINS.accesses)} FROM access_records ORDER BY seq`)).rows;
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));
    for (const [i, row] of rows.entries()) {
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1].hash);
      expect(row.hash).toBe(chainHash('accesses', row.prev_hash, toChainRecord(CHAINS.accesses, row)));
    }
  });

  it('appends a redelivered event once', async () => {
    const event = sampleAccessEvent({ companyCode: company });
    expect(await ingest([event, event])).toBe(1);
    expect(await ingest([event])).toBe(0);
    expect(accesses(await verify())?.headSeq).toBe('11');
  });

  it("lets the service's role only insert and read, and refuses changes to everyone", async () => {
    const asService = new Client({ connectionString: database.url, options: `-c role=${AUDIT_SERVICE_ROLE}` });
    await asService.connect();
    try {
      await expect(asService.query(`UPDATE access_records SET purpose = 'MARKETING' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(asService.query(`DELETE FROM access_records WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(asService.query(`TRUNCATE access_records`)).rejects.toThrow(/permission denied/);
      await expect(asService.query(`UPDATE chain_checkpoints SET hash = hash`)).rejects.toThrow(/permission denied/);
      expect((await asService.query(`SELECT count(*)::int AS n FROM access_records`)).rows[0].n).toBe(11);
    } finally {
      await asService.end();
    }
    await expect(owner.query(`UPDATE access_records SET purpose = 'MARKETING' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE on access_records refused/);
    await expect(owner.query(`DELETE FROM access_records WHERE seq = 1`)).rejects.toThrow(/append-only: DELETE on access_records refused/);
    await expect(owner.query(`TRUNCATE access_records`)).rejects.toThrow(/append-only/);
  });

  it('finds an edited record', async () => {
    await expectDetected([`UPDATE access_records SET purpose = 'MARKETING' WHERE seq = 4`], { seq: '4', problem: /was altered/ });
  });

  it('finds a deleted record', async () => {
    await expectDetected([`DELETE FROM access_records WHERE seq = 4`], { seq: '5', problem: /does not link to the record before it/ });
  });

  it('finds reordered records', async () => {
    await expectDetected([`UPDATE access_records SET seq = -1 WHERE seq = 4`, `UPDATE access_records SET seq = 4 WHERE seq = 5`, `UPDATE access_records SET seq = 5 WHERE seq = -1`], {
      seq: '4',
      problem: /does not link to the record before it/,
    });
  });

  it('finds a record slipped into the chain, even with a correct hash of its own', async () => {
    const [fifth] = (await owner.query(`SELECT ${selectColumns(CHAINS.accesses)} FROM access_records WHERE seq = 5`)).rows;
    const forged = toChainRecord(CHAINS.accesses, { ...fifth, seq: '6', event_id: randomUUID(), access_id: randomUUID() });
    const hash = chainHash('accesses', fifth.hash, forged);
    await expectDetected(
      [
        `UPDATE access_records SET seq = -seq WHERE seq >= 6`,
        `UPDATE access_records SET seq = -seq + 1 WHERE seq < 0`,
        `INSERT INTO access_records SELECT 6, '${forged['eventId']}', '${forged['accessId']}', company_code, requested_by, operation, purpose, contact_ids, outcome, reason, accessed_at, recorded_at, hash, '${hash}', notice_version, persons_aggregated, acquisition_notice_versions FROM access_records WHERE seq = 5`,
      ],
      { seq: '7', problem: /does not link to the record before it/ },
    );
  });

  it('finds a truncated tail against the head, and against a checkpoint when the head was rewritten too', async () => {
    await expectDetected([`DELETE FROM access_records WHERE seq > 8`], { seq: '8', problem: /its head names record 11/ });
    await seal();
    const [last] = (await owner.query(`SELECT hash FROM access_records WHERE seq = 8`)).rows;
    await expectDetected([`DELETE FROM access_records WHERE seq > 8`, `UPDATE chain_heads SET seq = 8, hash = '${last.hash}', records = 8 WHERE chain = 'accesses'`], {
      seq: '11',
      problem: /records after 8 are missing: checkpoint #\d+ sealed the chain up to 11/,
      recordMissing: true,
    });
  });

  it('finds a chain rewritten and re-sealed with correct hashes, against the signed checkpoint', async () => {
    const rows = (await owner.query(`SELECT ${selectColumns(CHAINS.accesses)} FROM access_records ORDER BY seq`)).rows;
    const statements: string[] = [];
    let previous = rows[1].hash as string;
    for (const row of rows.slice(2)) {
      const record = toChainRecord(CHAINS.accesses, row);
      if (record.seq === '3') record['purpose'] = 'MARKETING';
      const hash = chainHash('accesses', previous, record);
      statements.push(`UPDATE access_records SET purpose = '${record['purpose']}', prev_hash = '${previous}', hash = '${hash}' WHERE seq = ${record.seq}`);
      previous = hash;
    }
    statements.push(`UPDATE chain_heads SET hash = '${previous}' WHERE chain = 'accesses'`);
    await expectDetected(statements, { seq: '11', problem: /does not match checkpoint #\d+: the chain was rewritten after it was sealed/ });
  });

  it('finds a forged checkpoint', async () => {
    const [checkpoint] = (await owner.query(`SELECT id FROM chain_checkpoints WHERE chain = 'accesses' ORDER BY seq DESC LIMIT 1`)).rows;
    await tamper(`UPDATE chain_checkpoints SET hash = repeat('b', 64) WHERE id = ${checkpoint.id}`);
    try {
      const report = await verify();
      expect(accesses(report)?.firstBroken?.problem).toMatch(new RegExp(`checkpoint #${checkpoint.id} does not carry a valid signature`));
    } finally {
      await tamper(`UPDATE chain_checkpoints SET hash = (SELECT hash FROM chain_heads WHERE chain = 'accesses') WHERE id = ${checkpoint.id}`);
    }
    expect((await verify()).status).toBe('INTACT');
  });

  it('verifies incrementally from the last verified checkpoint', async () => {
    await verify();
    await ingest(Array.from({ length: 3 }, () => sampleAccessEvent({ companyCode: company })));
    const incremental = await verify(false);
    expect(incremental.mode).toBe('INCREMENTAL');
    expect(accesses(incremental)).toEqual(expect.objectContaining({ status: 'INTACT', checkedFrom: '11', checkedRecords: 3, headSeq: '14' }));
    const latest = await app.inject({ method: 'GET', url: '/audit/verifications/latest', headers: { authorization: admin } });
    expect(latest.json()).toEqual(incremental);
  });

  it('publishes its public key and lists checkpoints to the administrator only', async () => {
    const key = await app.inject({ method: 'GET', url: '/audit/checkpoints/public-key', headers: { authorization: admin } });
    expect(key.body).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const list = await app.inject({ method: 'GET', url: '/audit/checkpoints?chain=accesses', headers: { authorization: admin } });
    expect(list.json()[0]).toEqual(expect.objectContaining({ chain: 'accesses', seq: '11', signature: expect.any(String) }));
    for (const url of ['/audit/verify', '/audit/verifications/latest', '/audit/checkpoints', '/audit/checkpoints/public-key']) {
      expect((await app.inject({ method: 'GET', url, headers: { authorization: bearer('company', company) } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  // Last: it appends a thousand records that the cases above do not expect.
  it('verifies intact, fully and incrementally, while records are appended and sealed, reading one snapshot of each chain', async () => {
    let ingesting = true;
    const appending = (async () => {
      for (let batch = 0; batch < 40; batch += 1) {
        await ingest(Array.from({ length: 25 }, () => sampleAccessEvent({ companyCode: company })));
        // Checkpoints sealed meanwhile: incremental runs start from them, full runs check them on the way.
        if (batch % 8 === 7) await seal();
      }
    })().finally(() => {
      ingesting = false;
    });
    const reports: VerificationReport[] = [];
    while (ingesting) {
      reports.push(await verify(true));
      reports.push(await verify(false));
    }
    await appending;
    expect(reports.map((report) => report.mode)).toEqual(expect.arrayContaining(['FULL', 'INCREMENTAL']));
    for (const report of reports) {
      expect(report.status).toBe('INTACT');
      for (const chain of report.chains) {
        // Every record from where the run started to the head its snapshot saw was read and found in place: none missing, none beyond the head.
        expect(chain).toEqual(expect.objectContaining({ status: 'INTACT', firstBroken: null }));
        expect(chain.checkedRecords).toBe(Number(chain.headSeq) - Number(chain.checkedFrom));
      }
    }
    const final = await verify();
    const [{ n }] = (await owner.query(`SELECT count(*)::int AS n FROM access_records`)).rows;
    expect(accesses(final)).toEqual(expect.objectContaining({ status: 'INTACT', headSeq: String(n), checkedFrom: '0', checkedRecords: n }));
  });
});
