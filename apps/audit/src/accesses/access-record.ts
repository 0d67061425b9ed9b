import type { AccessOperation, AccessOutcome, DenialReason } from '@registry/contracts';

/** One row of `access_records`: a cross-company access in the `accesses` chain (see chain/chains.ts). */
export interface AccessRecord {
  seq: string;
  event_id: string;
  access_id: string;
  company_code: string;
  requested_by: string;
  operation: AccessOperation;
  purpose: string | null;
  contact_ids: string[];
  /** How many persons a statistics request counted; null for every other access. */
  persons_aggregated: number | null;
  outcome: AccessOutcome;
  reason: DenialReason | null;
  accessed_at: Date;
  /** The joint-use notice the access was decided under; null for records from before it was recorded. */
  notice_version: string | null;
  /** For each of contact_ids, the notice revision the person was told of joint use under; null for records from before it was recorded. */
  acquisition_notice_versions: (string | null)[] | null;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}
