import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createTestDatabase, sampleAccessEvent, startInProcess, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { CheckpointsService } from '../src/chain/checkpoints.service';
import { RetentionService } from '../src/chain/retention.service';
import type { VerificationReport } from '../src/chain/verification.service';
import { AUDIT_SERVICE_ROLE } from '../src/database/audit-service-role';
import { auditTestSettings } from './audit-test-settings';

const admin = bearer('admin', 'GROUP-HD');
const company = `KEEP-${uniqueSuffix()}`;
const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000).toISOString();

describe('audit retention', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;

  const verify = async (full: boolean): Promise<VerificationReport> =>
    (await app.inject({ method: 'GET', url: `/audit/verify${full ? '?full=true' : ''}`, headers: { authorization: admin } })).json();
  const accessesOf = (report: VerificationReport) => report.chains.find((c) => c.chain === 'accesses');
  const ingestAt = (accessedAt: string, count: number) =>
    app.get(AccessRecordsService).ingest(Array.from({ length: count }, () => sampleAccessEvent({ companyCode: company, accessedAt, occurredAt: accessedAt })));

  beforeAll(async () => {
    database = await createTestDatabase('audit_retention');
    app = await startInProcess((settings) => createAuditApp(settings, { consume: false }), auditTestSettings(database.url, { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400' }));
    owner = new Client({ connectionString: database.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('purges records older than three years up to a checkpoint, and what remains still verifies from it', async () => {
    await ingestAt(yearsAgo(5), 4);
    await app.get(CheckpointsService).sealAll(); // seals seq 4
    await ingestAt(yearsAgo(4), 2);
    await app.get(CheckpointsService).sealAll(); // seals seq 6
    await ingestAt(yearsAgo(2), 1); // seq 7: younger than three years, so seq 6 is the last that may go
    await ingestAt(yearsAgo(4), 1); // seq 8: old, but after a young record; it waits for it
    await app.get(CheckpointsService).sealAll(); // seals seq 8

    const [purge] = await app.get(RetentionService).purgeExpired();
    expect(purge).toEqual(expect.objectContaining({ chain: 'accesses', throughSeq: '6', purged: '6' }));
    expect((await owner.query(`SELECT seq FROM access_records ORDER BY seq`)).rows.map((r) => r.seq)).toEqual(['7', '8']);
    expect(await app.get(RetentionService).purgeExpired()).toEqual([]);

    const full = await verify(true);
    expect(full.status).toBe('INTACT');
    expect(accessesOf(full)).toEqual(expect.objectContaining({ checkedFrom: '6', checkedRecords: 2, headSeq: '8' }));
    expect((await verify(false)).status).toBe('INTACT');
  });

  it('detects a forged purge record that would hide deleted records', async () => {
    await owner.query(`SET session_replication_role = replica`);
    try {
      await owner.query(`DELETE FROM access_records WHERE seq = 7`);
      await owner.query(`INSERT INTO chain_purges (chain, through_seq, hash, cutoff, purged, purged_at, key_id, signature)
                         SELECT chain, 7, (SELECT hash FROM access_records WHERE seq = 8), cutoff, 1, now(), key_id, signature FROM chain_purges LIMIT 1`);
      const report = await verify(true);
      expect(accessesOf(report)?.firstBroken?.problem).toMatch(/purge #\d+ the verification starts from does not carry a valid signature/);
    } finally {
      await owner.query(`SET session_replication_role = DEFAULT`);
    }
  });

  it('refuses a purge of recent records, even when the service asks for one', async () => {
    const asService = new Client({ connectionString: database.url, options: `-c role=${AUDIT_SERVICE_ROLE}` });
    await asService.connect();
    try {
      await expect(asService.query(`SELECT purge_chain_prefix('accesses', 8, now())`)).rejects.toThrow(/less than a year ago/);
      await expect(asService.query(`SELECT purge_chain_prefix('accesses', 5, now() - interval '2 years')`)).rejects.toThrow(/no checkpoint of chain accesses at seq 5/);
    } finally {
      await asService.end();
    }
  });
});

describe('audit retention in batches', () => {
  const company = `BATCH-${uniqueSuffix()}`;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;

  const verify = async (full: boolean): Promise<VerificationReport> =>
    (await app.inject({ method: 'GET', url: `/audit/verify${full ? '?full=true' : ''}`, headers: { authorization: admin } })).json();
  const ingestAt = (accessedAt: string, count: number) =>
    app.get(AccessRecordsService).ingest(Array.from({ length: count }, () => sampleAccessEvent({ companyCode: company, accessedAt, occurredAt: accessedAt })));
  const seqs = async (): Promise<number[]> => (await owner.query(`SELECT seq FROM access_records ORDER BY seq`)).rows.map((r) => Number(r.seq));
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    database = await createTestDatabase('audit_retention_batch');
    app = await startInProcess(
      (settings) => createAuditApp(settings, { consume: false }),
      auditTestSettings(database.url, { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400', AUDIT_VERIFY_INTERVAL_SECONDS: '86400', AUDIT_RETENTION_BATCH: '5' }),
    );
    owner = new Client({ connectionString: database.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('leaves a chain that verifies when a purge is interrupted between batches, and the next run finishes it', async () => {
    await ingestAt(yearsAgo(5), 10);
    await app.get(CheckpointsService).sealAll(); // seals seq 10
    const retention = app.get(RetentionService);
    // The signed purge record is written, then one batch goes, then the process stops.
    const purge = await retention['recordPurge']('accesses', new Date(Date.now() - 1095 * 86_400_000));
    expect(purge).toEqual(expect.objectContaining({ throughSeq: '10', purged: '10' }));
    await owner.query(`SELECT purge_chain_batch('accesses', 5)`);
    expect(await seqs()).toEqual(range(6, 10));
    expect((await verify(true)).status).toBe('INTACT');
    expect((await verify(false)).status).toBe('INTACT');

    expect(await retention.purgeExpired()).toEqual([]);
    expect(await seqs()).toEqual([]);
    expect((await verify(true)).status).toBe('INTACT');
  });

  it('deletes more records than a batch in several short transactions while ingest goes on, and the chain verifies after', async () => {
    await ingestAt(yearsAgo(5), 23); // seq 11..33
    await app.get(CheckpointsService).sealAll(); // seals seq 33
    await ingestAt(yearsAgo(1), 2); // seq 34, 35: kept
    const dataSource = app.get(DataSource);
    const spy = jest.spyOn(dataSource, 'query');
    let appended = 0;
    let purges: Awaited<ReturnType<RetentionService['purgeExpired']>> = [];
    try {
      await Promise.all([
        (async () => {
          purges = await app.get(RetentionService).purgeExpired();
        })(),
        (async () => {
          for (let i = 0; i < 5; i += 1) appended += await ingestAt(new Date().toISOString(), 3);
        })(),
      ]);
      const batches = spy.mock.calls.map((call, i) => ({ call, result: spy.mock.results[i] })).filter(({ call }) => String(call[0]).includes('purge_chain_batch') && (call[1] as unknown[])[0] === 'accesses');
      const deleted = await Promise.all(batches.map(({ result }) => (result?.value as Promise<[{ deleted: number }]>).then(([row]) => row.deleted)));
      // Nothing left over from an earlier purge, then the new purge's 23 records in batches of at most 5.
      expect(deleted).toEqual([0, 5, 5, 5, 5, 3]);
    } finally {
      spy.mockRestore();
    }
    expect(purges).toEqual([expect.objectContaining({ chain: 'accesses', throughSeq: '33', purged: '23' })]);
    expect(appended).toBe(15);
    expect(await seqs()).toEqual(range(34, 35 + 15));
    const full = await verify(true);
    expect(full.status).toBe('INTACT');
    expect(full.chains.find((c) => c.chain === 'accesses')).toEqual(expect.objectContaining({ checkedFrom: '33', checkedRecords: 17, headSeq: '50' }));
    expect((await verify(false)).status).toBe('INTACT');
  });

  it('refuses to delete recent records in batches, even under a purge record the service wrote', async () => {
    await app.get(CheckpointsService).sealAll(); // seals seq 50
    const asService = new Client({ connectionString: database.url, options: `-c role=${AUDIT_SERVICE_ROLE}` });
    await asService.connect();
    try {
      await asService.query(`INSERT INTO chain_purges (chain, through_seq, hash, cutoff, purged, purged_at, key_id, signature)
                             SELECT chain, seq, hash, now() - interval '1 day', 1, now(), key_id, signature FROM chain_checkpoints WHERE chain = 'accesses' ORDER BY seq DESC LIMIT 1`);
      await expect(asService.query(`SELECT purge_chain_batch('accesses', 5)`)).rejects.toThrow(/less than a year ago/);
      // An old cutoff, but through records younger than it: the batch is refused and nothing goes.
      await asService.query(`INSERT INTO chain_purges (chain, through_seq, hash, cutoff, purged, purged_at, key_id, signature)
                             SELECT chain, seq, hash, now() - interval '2 years', 1, now(), key_id, signature FROM chain_checkpoints WHERE chain = 'accesses' ORDER BY seq DESC LIMIT 1`);
      await expect(asService.query(`SELECT purge_chain_batch('accesses', 5)`)).rejects.toThrow(/has records younger than/);
      await expect(asService.query(`DELETE FROM access_records`)).rejects.toThrow(/permission denied/);
    } finally {
      await asService.end();
    }
    expect(await seqs()).toEqual(range(34, 50));
  });
});
