import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createTestDatabase, sampleAccessEvent, startInProcess, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { Client } from 'pg';
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
