import { Inject, Module } from '@nestjs/common';
import { ALERT_RULES } from '@registry/contracts';
import { DATABASE_READING_CACHE_MS, ServiceMetrics } from '@registry/metrics';
import { DataSource } from 'typeorm';
import { CHAIN_NAMES } from '../chain/chains';

const VERIFICATION_MODES = ['INCREMENTAL', 'FULL'] as const;

/**
 * Audit's own gauges, read from its database at scrape time: each chain's head, the last verification of each
 * mode and its outcome, and the open (unacknowledged) alerts by rule. No company code or person is a label.
 */
@Module({})
export class AuditMetricsModule {
  constructor(@Inject(ServiceMetrics) metrics: ServiceMetrics, @Inject(DataSource) dataSource: DataSource) {
    const heads = metrics.reading('database', DATABASE_READING_CACHE_MS, async () => {
      return (await dataSource.query(`SELECT chain, seq::float8 AS seq, records::float8 AS records FROM chain_heads`)) as { chain: string; seq: number; records: number }[];
    });
    metrics.gaugeFrom({ name: 'registry_audit_chain_head_seq', help: 'Sequence number of the head of each audit chain.', labelNames: ['chain'] }, heads, (gauge, rows) => {
      for (const row of rows.filter((r) => (CHAIN_NAMES as readonly string[]).includes(r.chain))) gauge.set({ chain: row.chain }, row.seq);
    });
    metrics.gaugeFrom({ name: 'registry_audit_chain_records', help: 'Records each audit chain has held since it began, purged ones included.', labelNames: ['chain'] }, heads, (gauge, rows) => {
      for (const row of rows.filter((r) => (CHAIN_NAMES as readonly string[]).includes(r.chain))) gauge.set({ chain: row.chain }, row.records);
    });

    // The newest run of each mode, found backwards along the primary key.
    const verifications = metrics.reading('database', DATABASE_READING_CACHE_MS, async () => {
      return (await dataSource.query(
        `SELECT m.mode, v.status, extract(epoch FROM v.verified_at)::float8 AS at
           FROM unnest($1::text[]) AS m(mode)
           CROSS JOIN LATERAL (SELECT status, verified_at FROM chain_verifications WHERE mode = m.mode ORDER BY id DESC LIMIT 1) v`,
        [VERIFICATION_MODES],
      )) as { mode: string; status: string; at: number }[];
    });
    metrics.gaugeFrom(
      { name: 'registry_audit_last_verification_timestamp_seconds', help: 'When the chains were last verified, by mode (Unix time); absent before the first.', labelNames: ['mode'] },
      verifications,
      (gauge, rows) => rows.forEach((row) => gauge.set({ mode: row.mode }, row.at)),
    );
    metrics.gaugeFrom(
      { name: 'registry_audit_last_verification_intact', help: 'Outcome of the last verification by mode: 1 every chain intact, 0 a chain broken.', labelNames: ['mode'] },
      verifications,
      (gauge, rows) => rows.forEach((row) => gauge.set({ mode: row.mode }, row.status === 'INTACT' ? 1 : 0)),
    );

    // Over the partial unique index of open alerts; every rule is reported, 0 when none is open.
    const openAlerts = metrics.reading('database', DATABASE_READING_CACHE_MS, async () => {
      return (await dataSource.query(`SELECT rule, count(*)::float8 AS n FROM alerts WHERE acknowledged_at IS NULL GROUP BY rule`)) as { rule: string; n: number }[];
    });
    metrics.gaugeFrom({ name: 'registry_audit_open_alerts', help: 'Alerts not yet acknowledged, by rule.', labelNames: ['rule'] }, openAlerts, (gauge, rows) => {
      for (const rule of ALERT_RULES) gauge.set({ rule }, rows.find((row) => row.rule === rule)?.n ?? 0);
    });
  }
}
