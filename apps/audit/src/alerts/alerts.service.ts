import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AlertRaisedEvent, Topics, type AccessOutcome, type AlertRule, type DenialReason } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { RegistryException } from '@registry/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChainRecord } from '../chain/chains';
import { AUDIT_SETTINGS } from '../config/audit-settings.provider';
import type { AuditSettings } from '../config/env.validation';
import { findAlerts, tallyBatch, type AlertFinding, type AlertLimits, type CompanyActivity } from './alert-rules';

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED';

export interface Alert {
  id: string;
  rule: AlertRule;
  companyCode: string;
  detail: string;
  occurrences: number;
  raisedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

interface AlertRow {
  id: string;
  rule: AlertRule;
  company_code: string;
  detail: string;
  occurrences: number;
  raised_at: Date;
  last_seen_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  note: string | null;
}

const toAlert = (row: AlertRow): Alert => ({
  id: row.id,
  rule: row.rule,
  companyCode: row.company_code,
  detail: row.detail,
  occurrences: row.occurrences,
  raisedAt: row.raised_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
  acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  acknowledgedBy: row.acknowledged_by,
  note: row.note,
});

/**
 * Watches ingested accesses for what the administrator must see: a company reading too many contacts,
 * repeated refusals, any attempt by an ineligible company. One open alert per rule and company; further
 * occurrences are counted on it until it is acknowledged. New alerts go out on the alerts topic.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');
  private readonly limits: AlertLimits;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SETTINGS) settings: AuditSettings,
  ) {
    this.limits = {
      readLimit: settings.ALERT_READ_LIMIT,
      readWindowMinutes: settings.ALERT_READ_WINDOW_MINUTES,
      refusalLimit: settings.ALERT_REFUSAL_LIMIT,
      refusalWindowMinutes: settings.ALERT_REFUSAL_WINDOW_MINUTES,
    };
  }

  /**
   * Evaluates the rules for the companies in freshly appended access records, in the same transaction. The
   * rate rules add up per-minute counts kept beside the records, so a check costs the same however busy a
   * company is; their windows are counted in whole minutes, ending with the batch's latest access. One
   * statement adds the batch to the counts, prunes minutes no window reaches and sums the windows; one more
   * raises or counts whatever the rules found.
   */
  async evaluate(manager: EntityManager, appended: readonly ChainRecord[]): Promise<void> {
    if (appended.length === 0) return;
    const batch = tallyBatch(
      appended.map((record) => ({
        companyCode: String(record['companyCode']),
        outcome: record['outcome'] as AccessOutcome,
        reason: record['reason'] as DenialReason | null,
        // A statistics request names no one but counts everyone it aggregated.
        contactCount: (record['contactIds'] as string[]).length + Number(record['personsAggregated'] ?? 0),
        accessedAt: String(record['accessedAt']),
      })),
    );
    const companies = [...new Set(batch.minutes.map((m) => m.companyCode))];
    const { readWindowMinutes, refusalWindowMinutes } = this.limits;
    // The sums read the counts as they stood before this statement (its snapshot) and add the batch's own: the
    // upsert's effect is not visible to the statement that makes it. Minutes no window reaches any more (a day
    // of slack for late events) are removed, except those the batch itself counts in (a row is changed once per statement).
    const windows = (await manager.query(
      `WITH batch AS (
         SELECT company_code, minute, contacts_read, refusals
           FROM jsonb_to_recordset($1::jsonb) AS m(company_code text, minute timestamptz, contacts_read bigint, refusals bigint)
       ), counted AS (
         INSERT INTO alert_activity (company_code, minute, contacts_read, refusals) SELECT company_code, minute, contacts_read, refusals FROM batch
         ON CONFLICT (company_code, minute) DO UPDATE
           SET contacts_read = alert_activity.contacts_read + EXCLUDED.contacts_read, refusals = alert_activity.refusals + EXCLUDED.refusals
       ), pruned AS (
         DELETE FROM alert_activity
          WHERE company_code = ANY($2) AND minute < $3::timestamptz - make_interval(mins => GREATEST($4::int, $5::int) + 1440)
            AND (company_code, minute) NOT IN (SELECT company_code, minute FROM batch)
       )
       SELECT company_code,
              COALESCE(sum(contacts_read) FILTER (WHERE minute > date_trunc('minute', $3::timestamptz) - make_interval(mins => $4)), 0)::bigint AS contacts_read,
              COALESCE(sum(refusals) FILTER (WHERE minute > date_trunc('minute', $3::timestamptz) - make_interval(mins => $5)), 0)::bigint AS refusals
         FROM (SELECT company_code, minute, contacts_read, refusals FROM alert_activity WHERE company_code = ANY($2)
               UNION ALL SELECT company_code, minute, contacts_read, refusals FROM batch) activity
        WHERE minute <= $3 AND minute > date_trunc('minute', $3::timestamptz) - make_interval(mins => GREATEST($4, $5))
        GROUP BY company_code`,
      [
        JSON.stringify(batch.minutes.map((m) => ({ company_code: m.companyCode, minute: m.minute, contacts_read: m.contactsRead, refusals: m.refusals }))),
        companies,
        batch.latest,
        readWindowMinutes,
        refusalWindowMinutes,
      ],
    )) as { company_code: string; contacts_read: string; refusals: string }[];
    const totals = new Map(windows.map((w) => [w.company_code, w]));
    const findings = companies.flatMap((companyCode) => {
      const activity: CompanyActivity = {
        companyCode,
        contactsRead: batch.read.has(companyCode) ? Number(totals.get(companyCode)?.contacts_read ?? 0) : 0,
        refusals: batch.refused.has(companyCode) ? Number(totals.get(companyCode)?.refusals ?? 0) : 0,
        ineligibleAttempts: batch.ineligibleAttempts.get(companyCode) ?? {},
      };
      return findAlerts(activity, this.limits);
    });
    await this.raise(manager, findings);
  }

  /**
   * Raises CHAIN_BROKEN for a chain a verification found broken, once per break: a break already alerted
   * (open or acknowledged) with the same record and problem raises nothing again on later runs.
   */
  async raiseChainBroken(chain: string, broken: { seq: string; problem: string }): Promise<void> {
    const detail = `audit chain ${chain} is broken at record ${broken.seq}: ${broken.problem}`.slice(0, 500);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit-chain-broken:' || $1))`, [chain]);
      const seen = (await manager.query(`SELECT 1 FROM alerts WHERE rule = 'CHAIN_BROKEN' AND company_code = $1 AND detail = $2 LIMIT 1`, [chain, detail])) as unknown[];
      if (seen.length > 0) return;
      await this.raise(manager, [{ rule: 'CHAIN_BROKEN', companyCode: chain, detail, occurrences: 1 }]);
    });
  }

  /**
   * Opens an alert for each finding, or counts it on the open alert of its rule and company, in one statement
   * (a finding's rule and company are distinct within one evaluation); each newly opened alert goes out on the alerts topic.
   */
  private async raise(manager: EntityManager, findings: readonly AlertFinding[]): Promise<void> {
    if (findings.length === 0) return;
    const now = new Date();
    const rows = (await manager.query(
      `INSERT INTO alerts (id, rule, company_code, detail, occurrences, raised_at, last_seen_at)
       SELECT id, rule, company_code, detail, occurrences, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS f(ord int, id uuid, rule text, company_code text, detail text, occurrences int)
        ORDER BY ord
       ON CONFLICT (rule, company_code) WHERE acknowledged_at IS NULL
       DO UPDATE SET occurrences = alerts.occurrences + EXCLUDED.occurrences, last_seen_at = EXCLUDED.last_seen_at, detail = EXCLUDED.detail
       RETURNING *, (xmax = 0) AS raised`,
      [
        JSON.stringify(findings.map((finding, ord) => ({ ord, id: randomUUID(), rule: finding.rule, company_code: finding.companyCode, detail: finding.detail, occurrences: finding.occurrences }))),
        now,
      ],
    )) as (AlertRow & { raised: boolean })[];
    for (const row of rows) {
      if (!row.raised) continue;
      const event: AlertRaisedEvent = {
        eventId: randomUUID(),
        occurredAt: now.toISOString(),
        schemaVersion: AlertRaisedEvent.currentSchemaVersion,
        eventType: 'AlertRaised',
        alertId: row.id,
        rule: row.rule,
        companyCode: row.company_code,
        detail: row.detail,
        occurrences: row.occurrences,
        raisedAt: row.raised_at.toISOString(),
      };
      await appendToOutbox(manager, { topic: Topics.alert, key: row.company_code, event });
      this.logger.warn({ msg: 'alert raised', alertId: row.id, rule: row.rule, companyCode: row.company_code, detail: row.detail });
    }
  }

  /** Newest first; the cursor is the last alert's raised time and id. */
  async list(status: AlertStatus | undefined, limit: number, cursor: string | undefined): Promise<{ alerts: Alert[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = (await this.dataSource.query(
      `SELECT * FROM alerts
        WHERE ($1::text IS NULL OR ($1 = 'OPEN') = (acknowledged_at IS NULL))
          AND ($2::timestamptz IS NULL OR (raised_at, id) < ($2, $3::uuid))
        ORDER BY raised_at DESC, id DESC LIMIT $4`,
      [status ?? null, after?.raisedAt ?? null, after?.id ?? null, limit + 1],
    )) as AlertRow[];
    const alerts = rows.slice(0, limit).map(toAlert);
    const last = alerts[alerts.length - 1];
    return { alerts, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async acknowledge(id: string, acknowledgedBy: string, note: string | null): Promise<Alert> {
    // An UPDATE answers [rows, count].
    const [[updated]] = (await this.dataSource.query(
      `UPDATE alerts SET acknowledged_at = now(), acknowledged_by = $2, note = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING *`,
      [id, acknowledgedBy, note],
    )) as [AlertRow[], number];
    if (updated) return toAlert(updated);
    const [existing] = (await this.dataSource.query(`SELECT * FROM alerts WHERE id = $1`, [id])) as AlertRow[];
    if (!existing) throw new RegistryException('ALERT_NOT_FOUND', 404, `No alert has the id ${id}.`);
    throw new RegistryException('ALERT_ALREADY_ACKNOWLEDGED', 409, `The alert was acknowledged by ${existing.acknowledged_by} at ${existing.acknowledged_at?.toISOString()}.`);
  }
}

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const;

function encodeCursor(alert: Alert): string {
  return Buffer.from(`${alert.raisedAt}|${alert.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { raisedAt: string; id: string } {
  const [raisedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!raisedAt || !id || Number.isNaN(Date.parse(raisedAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new RegistryException('INVALID_CURSOR', 400, 'cursor is not a nextCursor this service returned', [{ field: 'cursor', rule: 'cursor', message: 'cursor must be a nextCursor from a previous page' }]);
  }
  return { raisedAt, id };
}
