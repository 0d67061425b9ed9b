import type { AlertRule, DenialReason } from '@registry/contracts';

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
  /** Contacts read (granted accesses) within the read window. */
  contactsRead: number;
  /** Refusals within the refusal window. */
  refusals: number;
  /** Refused attempts in this batch whose reason is the company's own ineligibility, by reason. */
  ineligibleAttempts: Partial<Record<DenialReason, number>>;
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
