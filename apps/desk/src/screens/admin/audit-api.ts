// What the administrator's screens read from audit beyond its OpenAPI types: the answers its document leaves
// undescribed (verification reports, the schedule, alerts), typed after audit's own interfaces, and the labels of
// its codes. The lists of codes themselves come from the API's enums (src/api/generated), never spelled out here.
import type { AuditSchemas } from '../../api/clients';
import { outcomeOf, type Outcome } from '../../api/call';
import {
  pathsAuditAccessesGetParametersQueryOperationValues,
  pathsAuditAccessesGetParametersQueryOutcomeValues,
  pathsAuditAccessesGetParametersQueryReasonValues,
} from '../../api/generated/audit';
import { purposeResponseCodeValues } from '../../api/generated/sharing';

export type AccessOperation = (typeof pathsAuditAccessesGetParametersQueryOperationValues)[number];
export type AccessOutcome = (typeof pathsAuditAccessesGetParametersQueryOutcomeValues)[number];
export type DenialReason = (typeof pathsAuditAccessesGetParametersQueryReasonValues)[number];

/** The choices of the access filters, in the API's order: the purposes are the joint-use notice's (sharing's API). */
export const OPERATIONS = pathsAuditAccessesGetParametersQueryOperationValues;
export const OUTCOMES = pathsAuditAccessesGetParametersQueryOutcomeValues;
export const REASONS = pathsAuditAccessesGetParametersQueryReasonValues;
export const PURPOSES = purposeResponseCodeValues;

/** An access record as audit returns it (its document types the nullable strings as objects). */
export type AccessRecord = Omit<AuditSchemas['schemas']['AccessRecordResponse'], 'purpose' | 'reason'> & { purpose: string | null; reason: string | null };
export type RecordOfProvisionPage = AuditSchemas['schemas']['RecordOfProvisionPageResponse'];

export type ChainStatus = 'INTACT' | 'BROKEN';
export interface ChainReport {
  chain: string;
  status: ChainStatus;
  headSeq: string;
  headHash: string;
  checkedFrom: string;
  checkedRecords: number;
  checkpointsChecked: number;
  firstBroken: { seq: string; eventId: string | null; problem: string } | null;
}
export interface VerificationReport {
  status: ChainStatus;
  mode: 'INCREMENTAL' | 'FULL';
  trigger?: 'SCHEDULED' | 'REQUESTED';
  verifiedAt: string;
  durationMs: number;
  checkedRecords: number;
  chains: ChainReport[];
}
export interface ScheduledVerification {
  mode: 'INCREMENTAL' | 'FULL';
  intervalSeconds: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastRun: 'DONE' | 'FAILED' | null;
}
export type AlertRule = 'READ_RATE' | 'REPEATED_REFUSALS' | 'INELIGIBLE_COMPANY' | 'CHAIN_BROKEN';
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
export interface AlertPage {
  alerts: Alert[];
  nextCursor?: string | null;
}

/** A call whose answer audit's OpenAPI document does not describe, typed as `T`. */
export function auditOutcome<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  return outcomeOf('audit', call as Promise<{ data?: T; error?: unknown; response: Response }>);
}

type Label = { ja: string; en: string };

export const REASON_LABELS: Record<DenialReason, Label> = {
  NOT_GROUP_MEMBER: { ja: 'グループ外の会社', en: 'Not a group member' },
  LEFT_GROUP: { ja: 'グループを離脱', en: 'Left the group' },
  INACTIVE: { ja: '停止中の会社', en: 'Company inactive' },
  OUTSIDE_JAPAN: { ja: '国外の会社', en: 'Located outside Japan' },
  PURPOSE_MISSING: { ja: '利用目的なし', en: 'No purpose declared' },
  PURPOSE_NOT_ALLOWED: { ja: '許されない利用目的', en: 'Purpose not allowed' },
  CONTACT_SUSPENDED: { ja: '利用停止中の連絡先', en: 'Contact suspended' },
  CONTACT_NOT_FOUND: { ja: '連絡先なし', en: 'Contact not found' },
};

export const OPERATION_LABELS: Record<AccessOperation, Label> = {
  READ_CONTACT: { ja: '連絡先の閲覧', en: 'Read a contact' },
  SEARCH_CONTACTS: { ja: '連絡先の検索', en: 'Search contacts' },
  READ_STATISTICS: { ja: '統計の閲覧', en: 'Read statistics' },
};

export const OUTCOME_LABELS: Record<AccessOutcome, Label> = {
  GRANTED: { ja: '許可', en: 'Granted' },
  DENIED: { ja: '拒否', en: 'Denied' },
};

export const RULE_LABELS: Record<AlertRule, Label> = {
  READ_RATE: { ja: '大量の閲覧', en: 'Unusually many reads' },
  REPEATED_REFUSALS: { ja: '拒否の繰り返し', en: 'Repeated refusals' },
  INELIGIBLE_COMPANY: { ja: '対象外の会社', en: 'Ineligible company' },
  CHAIN_BROKEN: { ja: '監査チェーンの破損', en: 'Audit chain broken' },
};

export const CHAIN_LABELS: Record<string, Label> = {
  accesses: { ja: 'アクセス', en: 'Accesses' },
  provisions: { ja: '提供', en: 'Provisions' },
  'company-register': { ja: 'グループ会社登録簿', en: 'Company register' },
};

export function labelOf(labels: Record<string, Label>, code: string | null | undefined): string {
  if (!code) return '—';
  const label = labels[code];
  return label ? `${label.ja} · ${label.en}` : code;
}

/** A datetime-local value, read as Tokyo time (the desk's zone), as an ISO 8601 instant; undefined when empty. */
export function tokyoInstant(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
