import type { AccessOutcome, AlertRule, DenialReason } from '@registry/contracts';

/** Refusals that mean the company itself may not take part in joint use (not merely a bad request). */
export const INELIGIBILITY_REASONS: readonly DenialReason[] = ['NOT_GROUP_MEMBER', 'LEFT_GROUP', 'INACTIVE', 'OUTSIDE_JAPAN'];

export interface AlertLimits {
  readLimit: number;
  readWindowMinutes: number;
  refusalLimit: number;
  refusalWindowMinutes: number;
}

/** What one company did, as seen in one ingested batch and in the windows ending with it. */
export interface CompanyActivity {
  companyCode: string;
  /** Contacts read (granted accesses) within the read window; 0 when the batch read nothing for it. */
  contactsRead: number;
  /** Refusals within the refusal window; 0 when the batch refused nothing to it. */
  refusals: number;
  /** Refused attempts in this batch whose reason is the company's own ineligibility, by reason. */
  ineligibleAttempts: Partial<Record<DenialReason, number>>;
}

/** The part of an access record the rules look at. */
export interface ObservedAccess {
  companyCode: string;
  outcome: AccessOutcome;
  reason: DenialReason | null;
  contactCount: number;
  accessedAt: string;
}

/** One company's activity in one minute: what the rate rules add up over their windows. */
export interface MinuteActivity {
  companyCode: string;
  minute: string;
  contactsRead: number;
  refusals: number;
}

export interface BatchActivity {
  minutes: MinuteActivity[];
  /** Per company: refused attempts whose reason is the company's own ineligibility, by reason. */
  ineligibleAttempts: Map<string, Partial<Record<DenialReason, number>>>;
  /** Per company: whether the batch has reads (which can cross the read limit) or refusals (the refusal limit). */
  read: Set<string>;
  refused: Set<string>;
  /** The latest time of access in the batch: the windows end there. */
  latest: string;
}

/** Adds up a batch of accesses per company and minute. */
export function tallyBatch(accesses: readonly ObservedAccess[]): BatchActivity {
  const minutes = new Map<string, MinuteActivity>();
  const batch: BatchActivity = { minutes: [], ineligibleAttempts: new Map(), read: new Set(), refused: new Set(), latest: '' };
  for (const access of accesses) {
    const minute = new Date(Math.floor(Date.parse(access.accessedAt) / 60_000) * 60_000).toISOString();
    const key = `${access.companyCode}|${minute}`;
    const bucket = minutes.get(key) ?? { companyCode: access.companyCode, minute, contactsRead: 0, refusals: 0 };
    minutes.set(key, bucket);
    if (access.outcome === 'GRANTED') {
      bucket.contactsRead += access.contactCount;
      batch.read.add(access.companyCode);
    } else {
      bucket.refusals += 1;
      batch.refused.add(access.companyCode);
      if (access.reason && INELIGIBILITY_REASONS.includes(access.reason)) {
        const attempts = batch.ineligibleAttempts.get(access.companyCode) ?? {};
        attempts[access.reason] = (attempts[access.reason] ?? 0) + 1;
        batch.ineligibleAttempts.set(access.companyCode, attempts);
      }
    }
    if (access.accessedAt > batch.latest) batch.latest = access.accessedAt;
  }
  batch.minutes = [...minutes.values()];
  return batch;
}

export interface AlertFinding {
  rule: AlertRule;
  companyCode: string;
  detail: string;
  occurrences: number;
}

/** The alert rules, as one pure decision over a company's recent activity. */
export function findAlerts(activity: CompanyActivity, limits: AlertLimits): AlertFinding[] {
  const findings: AlertFinding[] = [];
  const { companyCode } = activity;
  if (activity.contactsRead > limits.readLimit) {
    findings.push({
      rule: 'READ_RATE',
      companyCode,
      detail: `${activity.contactsRead} contacts read within ${limits.readWindowMinutes} minutes (limit ${limits.readLimit})`,
      occurrences: 1,
    });
  }
  if (activity.refusals >= limits.refusalLimit) {
    findings.push({
      rule: 'REPEATED_REFUSALS',
      companyCode,
      detail: `${activity.refusals} refused accesses within ${limits.refusalWindowMinutes} minutes (limit ${limits.refusalLimit})`,
      occurrences: 1,
    });
  }
  const attempts = Object.entries(activity.ineligibleAttempts).filter(([, count]) => (count ?? 0) > 0);
  if (attempts.length > 0) {
    const total = attempts.reduce((sum, [, count]) => sum + (count ?? 0), 0);
    findings.push({
      rule: 'INELIGIBLE_COMPANY',
      companyCode,
      detail: `access attempted by a company that is not eligible for joint use (${attempts.map(([reason, count]) => `${reason} ×${count}`).join(', ')})`,
      occurrences: total,
    });
  }
  return findings;
}
