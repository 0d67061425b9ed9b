import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CheckpointSealedEvent, parseEvent, Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, kafkaSettingsAs, readWholeTopic, sampleAccessEvent, startInProcess, testBroker, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigResourceTypes } from 'kafkajs';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { checkpointPayload } from '../src/chain/chain-hash';
import { CheckpointsService } from '../src/chain/checkpoints.service';
import { VerificationScheduleService } from '../src/chain/verification-schedule.service';
import type { VerificationReport } from '../src/chain/verification.service';
import { auditTestSettings } from './audit-test-settings';

const admin = bearer('admin', 'GROUP-HD');
const kafka = createKafka(testKafka('audit-chain-operations-test'));
const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist/audit-verify/cli/audit-verify.js');

/** Runs raw SQL as the owner with triggers bypassed, as an attacker with superuser rights could. */
async function tamper(owner: Client, ...statements: string[]): Promise<void> {
  await owner.query(`SET session_replication_role = replica`);
  try {
    for (const statement of statements) await owner.query(statement);
  } finally {
    await owner.query(`SET session_replication_role = DEFAULT`);
  }
}

describe('checkpoints outside the database, the command-line verifier, one scheduled run at a time', () => {
  const company = `OPS-${uniqueSuffix()}`;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;
  let work: string;
  /** The checkpoints topic's messages that this test's database published. */
  let published: CheckpointSealedEvent[];

  const ingest = (count: number) => app.get(AccessRecordsService).ingest(Array.from({ length: count }, () => sampleAccessEvent({ companyCode: company })));
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: admin } });
  const runCli = (exportFile: string, checkpointsFile: string, keyFile = join(work, 'public-key.pem')) =>
    spawnSync(process.execPath, [cli, '--export', exportFile, '--checkpoints', checkpointsFile, '--public-key', keyFile], { encoding: 'utf8' });
  const write = (name: string, lines: string[]) => {
    const file = join(work, name);
    writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
    return file;
  };

  beforeAll(async () => {
    // The command-line verifier as an administrator runs it: compiled on its own, no Nest.
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'apps/audit/tsconfig.cli.json')], { cwd: root });
    work = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    database = await createTestDatabase('audit_chain_ops');
    // As audit's own principal, so the checkpoints topic's ACLs in service-acls.txt are what lets it publish.
    app = await startInProcess(
      (settings) => createAuditApp(settings, { consume: false }),
      auditTestSettings(database.url, { ...kafkaSettingsAs(testBroker(), 'audit'), AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400', AUDIT_VERIFY_INTERVAL_SECONDS: '86400' }),
    );
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    await ingest(12);
    await app.get(CheckpointsService).sealAll();
    await ingest(3);
    await app.get(CheckpointsService).sealAll();
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('publishes each checkpoint on a topic kept forever, with hashes, counts, times and signatures only', async () => {
    const ours = new Set(((await owner.query(`SELECT event_id FROM outbox WHERE topic = $1`, [Topics.checkpoint])).rows as { event_id: string }[]).map((r) => r.event_id));
    expect(ours.size).toBe(2);
    published = await eventually(async () => {
      const messages = (await readWholeTopic(kafka, Topics.checkpoint)).filter((m) => ours.has(JSON.parse(m.value ?? '{}').eventId));
      expect(messages).toHaveLength(2);
      return messages.map((m) => {
        expect(m.key).toBe('accesses');
        const parsed = parseEvent(CheckpointSealedEvent, m.value);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        return JSON.parse(m.value ?? '{}') as CheckpointSealedEvent;
      });
    });
    expect(published.map((p) => p.seq).sort()).toEqual(['12', '15']);
    for (const message of published) {
      expect(Object.keys(message).sort()).toEqual(['chain', 'checkpointId', 'eventId', 'eventType', 'hash', 'keyId', 'occurredAt', 'records', 'schemaVersion', 'sealedAt', 'seq', 'signature']);
      expect(JSON.stringify(message)).not.toContain(company);
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: Topics.checkpoint, configNames: ['retention.ms', 'cleanup.policy'] }] });
      const config = Object.fromEntries((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]));
      expect(config).toEqual({ 'retention.ms': '-1', 'cleanup.policy': 'delete' });
    } finally {
      await admin.disconnect();
    }
  });

  it('exports a chain as JSON lines that the command-line verifier finds intact against the published checkpoints', async () => {
    const exported = await get('/audit/chains/accesses/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = exported.body.trimEnd().split('\n');
    expect(lines).toHaveLength(15);
    expect(JSON.parse(lines[0] as string)).toEqual(expect.objectContaining({ seq: '1', prevHash: '0'.repeat(64), record: expect.objectContaining({ chain: 'accesses', seq: '1', companyCode: company }) }));
    writeFileSync(join(work, 'public-key.pem'), (await get('/audit/checkpoints/public-key')).body);
    const exportFile = write('accesses.jsonl', lines);
    const checkpointsFile = write('checkpoints.jsonl', published.map((p) => JSON.stringify(p)));

    const intact = runCli(exportFile, checkpointsFile);
    expect({ status: intact.status, stdout: intact.stdout }).toEqual({ status: 0, stdout: 'INTACT: chain accesses, records 1..15 (15), 2 checkpoint(s) matched\n' });

    // The administrator's list of checkpoints serves as well as the topic.
    const listed = write('checkpoints.json', [(await get('/audit/checkpoints?chain=accesses')).body]);
    expect(runCli(exportFile, listed).status).toBe(0);

    expect((await get('/audit/chains/nonsense/export')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/audit/chains/accesses/export', headers: { authorization: bearer('company', company) } })).statusCode).toBe(403);
  });

  it('fails on an edited line, a removed line, a truncated export and a forged checkpoint', async () => {
    const lines = (await get('/audit/chains/accesses/export')).body.trimEnd().split('\n');
    const checkpointsFile = write('checkpoints.jsonl', published.map((p) => JSON.stringify(p)));

    const edited = [...lines];
    edited[4] = (edited[4] as string).replace(/"purpose":"[A-Z_]+"/, '"purpose":"MARKETING"');
    expect(edited[4]).not.toBe(lines[4]);
    const afterEdit = runCli(write('edited.jsonl', edited), checkpointsFile);
    expect({ status: afterEdit.status, stdout: afterEdit.stdout }).toEqual({ status: 1, stdout: 'BROKEN: record 5 (line 5) was altered: its content no longer matches its hash\n' });

    const removed = lines.filter((_, i) => i !== 7);
    const afterRemoval = runCli(write('removed.jsonl', removed), checkpointsFile);
    expect({ status: afterRemoval.status, stdout: afterRemoval.stdout }).toEqual({ status: 1, stdout: expect.stringMatching(/^BROKEN: record 9 \(line 8\) follows record 7/) });

    const truncated = runCli(write('truncated.jsonl', lines.slice(0, 13)), checkpointsFile);
    expect({ status: truncated.status, stdout: truncated.stdout }).toEqual({ status: 1, stdout: expect.stringMatching(/^BROKEN: checkpoint #\d+ sealed chain accesses up to record 15, but the export ends at 13/) });

    // A checkpoint moved to another record, and one signed by a key that is not the service's.
    const [first] = published as [CheckpointSealedEvent];
    const moved = { ...first, seq: '11', hash: JSON.parse(lines[10] as string).hash };
    const foreignKey = generateKeyPairSync('ed25519').privateKey;
    const fields = { chain: 'accesses', seq: '15', hash: JSON.parse(lines[14] as string).hash, records: '15', sealedAt: new Date().toISOString() };
    const foreign = { ...first, checkpointId: '999', ...fields, signature: sign(null, Buffer.from(checkpointPayload(fields)), foreignKey).toString('base64') };
    for (const forged of [moved, foreign]) {
      const run = runCli(write('all.jsonl', lines), write('forged.jsonl', [...published, forged].map((p) => JSON.stringify(p))));
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: expect.stringMatching(/^BROKEN: checkpoint #\d+ \(chain accesses, seq 1[15]\) does not carry a valid signature of the given key/) });
    }

    const usage = spawnSync(process.execPath, [cli, '--export', 'only'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('runs a scheduled verification on one replica at a time, and a replica that dies mid-run does not block the next', async () => {
    const schedule = app.get(VerificationScheduleService);
    const [a, b] = await Promise.all([schedule.runDue(), schedule.runDue()]);
    expect([a, b].filter((report) => report !== null)).toEqual([expect.objectContaining({ mode: 'FULL', trigger: 'SCHEDULED', status: 'INTACT' })]);
    expect(await schedule.runDue()).toBeNull(); // neither is due again yet

    await owner.query(`UPDATE scheduled_runs SET last_started_at = now() - interval '2 days'`);
    // Another replica is running a verification: it holds the lock on its connection.
    const running = new Client({ connectionString: database.url });
    running.on('error', () => undefined); // it is terminated below
    await running.connect();
    await running.query(`SELECT pg_advisory_lock(hashtext('audit-scheduled-verification'))`);
    expect(await schedule.runDue()).toBeNull();
    // It dies: its connection goes, and the lock with it.
    await owner.query(`SELECT pg_terminate_backend($1)`, [(await running.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid]);
    await running.end().catch(() => undefined);
    const next = await eventually(async () => {
      const report = await schedule.runDue();
      expect(report).not.toBeNull();
      return report as VerificationReport;
    });
    expect(next).toEqual(expect.objectContaining({ mode: 'FULL', status: 'INTACT' }));
    const status = (await get('/audit/verifications/schedule')).json();
    expect(status).toEqual([
      expect.objectContaining({ mode: 'INCREMENTAL', intervalSeconds: 86400, lastRun: 'DONE', lastStartedAt: expect.any(String) }),
      expect.objectContaining({ mode: 'FULL', intervalSeconds: 86400, lastRun: 'DONE', lastFinishedAt: expect.any(String) }),
    ]);
  });
});

describe('scheduled verification', () => {
  const company = `SCHED-${uniqueSuffix()}`;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let owner: Client;

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: admin } });
  const latest = async (): Promise<VerificationReport | null> => {
    const response = await get('/audit/verifications/latest');
    return response.statusCode === 200 ? response.json() : null;
  };
  const chainAlerts = async () => ((await get('/audit/alerts')).json().alerts as { rule: string; companyCode: string; detail: string; occurrences: number }[]).filter((a) => a.rule === 'CHAIN_BROKEN');

  beforeAll(async () => {
    database = await createTestDatabase('audit_chain_schedule');
    app = await startInProcess(
      (settings) => createAuditApp(settings, { consume: false }),
      auditTestSettings(database.url, { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400', AUDIT_VERIFY_INTERVAL_SECONDS: '1' }),
    );
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    await app.get(AccessRecordsService).ingest(Array.from({ length: 5 }, () => sampleAccessEvent({ companyCode: company })));
  });

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await database?.drop();
  });

  it('verifies in the background, raises CHAIN_BROKEN once for a break, and finds the chain intact again once restored', async () => {
    await eventually(async () => expect(await latest()).toEqual(expect.objectContaining({ trigger: 'SCHEDULED', mode: 'FULL', status: 'INTACT' })));
    expect(await chainAlerts()).toEqual([]);

    const [original] = (await owner.query(`SELECT purpose FROM access_records WHERE seq = 3`)).rows;
    await tamper(owner, `UPDATE access_records SET purpose = 'MARKETING' WHERE seq = 3`);
    try {
      const [alert] = await eventually(async () => {
        const alerts = await chainAlerts();
        expect(alerts).toHaveLength(1);
        return alerts;
      });
      expect(alert).toEqual(expect.objectContaining({ companyCode: 'accesses', occurrences: 1, detail: 'audit chain accesses is broken at record 3: record 3 was altered: its content no longer matches its hash' }));
      const brokenRuns = async () => Number((await owner.query(`SELECT count(*) AS n FROM chain_verifications WHERE status = 'BROKEN'`)).rows[0].n);
      const seen = await brokenRuns();
      // Later runs see the same break: they raise nothing more.
      await eventually(async () => expect(await brokenRuns()).toBeGreaterThanOrEqual(seen + 2), { timeoutMs: 15_000 });
      expect(await chainAlerts()).toEqual([expect.objectContaining({ detail: alert?.detail, occurrences: 1 })]);
      expect(Number((await owner.query(`SELECT count(*) AS n FROM outbox WHERE topic = $1 AND payload->>'rule' = 'CHAIN_BROKEN'`, [Topics.alert])).rows[0].n)).toBe(1);
    } finally {
      await tamper(owner, `UPDATE access_records SET purpose = '${original.purpose}' WHERE seq = 3`);
    }
    await eventually(async () => expect(await latest()).toEqual(expect.objectContaining({ trigger: 'SCHEDULED', status: 'INTACT' })));
    const status = (await get('/audit/verifications/schedule')).json();
    expect(status[0]).toEqual(expect.objectContaining({ mode: 'INCREMENTAL', intervalSeconds: 1, lastRun: 'DONE' }));
    expect(Date.now() - Date.parse(status[0].lastStartedAt)).toBeLessThan(10_000);
  });
});
