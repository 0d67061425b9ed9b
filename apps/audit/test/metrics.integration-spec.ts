import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ALERT_RULES } from '@registry/contracts';
import { bearer, createTestDatabase, sampleAccessEvent, sampleValue, samplesOf, startInProcess, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessRecordsService } from '../src/accesses/access-records.service';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

const admin = bearer('admin', 'GROUP-HD');
const company = `METRICS-${uniqueSuffix()}`;

describe('audit /metrics', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  // No METRICS_TOKEN: whoever reaches the port may scrape.
  const metrics = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const afterCache = () => new Promise((resolve) => setTimeout(resolve, 1100));

  beforeAll(async () => {
    database = await createTestDatabase('audit_metrics');
    app = await startInProcess((settings) => createAuditApp(settings, { consume: false }), auditTestSettings(database.url, { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '86400' }));
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reports each chain head, moving as records are chained', async () => {
    const before = await metrics();
    for (const chain of ['accesses', 'provisions', 'company-register']) {
      expect(sampleValue(before, 'registry_audit_chain_head_seq', { chain, service: 'audit' })).toBe(0);
    }
    await app.get(AccessRecordsService).ingest(Array.from({ length: 4 }, () => sampleAccessEvent({ companyCode: company })));
    await afterCache();
    const after = await metrics();
    expect(sampleValue(after, 'registry_audit_chain_head_seq', { chain: 'accesses' })).toBe(4);
    expect(sampleValue(after, 'registry_audit_chain_records', { chain: 'accesses' })).toBe(4);
    expect(sampleValue(after, 'registry_audit_chain_head_seq', { chain: 'provisions' })).toBe(0);
    expect(after).not.toContain(company);
  });

  it('reports the time and outcome of the last verification of each mode', async () => {
    expect(samplesOf(await metrics(), 'registry_audit_last_verification_timestamp_seconds')).toHaveLength(0);
    const started = Date.now() / 1000;
    const verified = await app.inject({ method: 'GET', url: '/audit/verify?full=true', headers: { authorization: admin } });
    expect(verified.json()).toMatchObject({ status: 'INTACT' });
    await afterCache();
    const text = await metrics();
    const at = sampleValue(text, 'registry_audit_last_verification_timestamp_seconds', { mode: 'FULL' });
    expect(at).toBeGreaterThanOrEqual(Math.floor(started) - 1);
    expect(at).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(sampleValue(text, 'registry_audit_last_verification_intact', { mode: 'FULL' })).toBe(1);
    expect(samplesOf(text, 'registry_audit_last_verification_intact', { mode: 'INCREMENTAL' })).toHaveLength(0);

    // A broken run (as stored by the verification) reads as 0.
    await dataSource.query(`INSERT INTO chain_verifications (mode, status, verified_at, report) VALUES ('INCREMENTAL', 'BROKEN', now(), '{}')`);
    await afterCache();
    expect(sampleValue(await metrics(), 'registry_audit_last_verification_intact', { mode: 'INCREMENTAL' })).toBe(0);
  });

  it('reports open alerts by rule, every rule, without the company', async () => {
    const before = await metrics();
    for (const rule of ALERT_RULES) expect(sampleValue(before, 'registry_audit_open_alerts', { rule })).toBe(0);
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO alerts (id, rule, company_code, detail, occurrences, raised_at, last_seen_at) VALUES ($1, 'READ_RATE', $2, 'read rate', 1, now(), now())`,
      [id, company],
    );
    await afterCache();
    const open = await metrics();
    expect(sampleValue(open, 'registry_audit_open_alerts', { rule: 'READ_RATE' })).toBe(1);
    expect(open).not.toContain(company);
    const acknowledged = await app.inject({ method: 'POST', url: `/audit/alerts/${id}/acknowledgement`, headers: { authorization: admin }, payload: { note: 'seen' } });
    expect(acknowledged.statusCode).toBeLessThan(300);
    await afterCache();
    expect(sampleValue(await metrics(), 'registry_audit_open_alerts', { rule: 'READ_RATE' })).toBe(0);
  });

  it("reports audit's outbox, dead letters and consumer group like every consuming service", async () => {
    const text = await metrics();
    expect(sampleValue(text, 'registry_outbox_unpublished')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(text, 'registry_metrics_source_up', { source: 'database' })).toBe(1);
    expect(samplesOf(text, 'registry_http_request_duration_seconds_count', { route: '/audit/verify', method: 'GET', status_class: '2xx' })).toHaveLength(1);
  });
});
