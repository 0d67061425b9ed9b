import type { DenialReason } from '@registry/policy';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SYNC_JOB_KINDS = ['BACKFILL', 'WITHDRAWAL'] as const;
export type SyncJobKind = (typeof SYNC_JOB_KINDS)[number];
export const SYNC_JOB_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'SUPERSEDED'] as const;
export type SyncJobStatus = (typeof SYNC_JOB_STATUSES)[number];
export const TRANSITION_CAUSES = ['REGISTER_CHANGE', 'SCHEDULED_CHECK'] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

/** One company's backfill or withdrawal, done in batches; `cursorContactId` is the last contact id done. */
@Entity({ name: 'company_sync_jobs' })
export class CompanySyncJobEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('text') kind!: SyncJobKind;
  @Column('text') status!: SyncJobStatus;
  @Column('text') cause!: TransitionCause;
  @Column('integer', { name: 'register_version' }) registerVersion!: number;
  @Column('text', { name: 'ineligible_reason', nullable: true }) ineligibleReason!: DenialReason | null;
  @Column('uuid', { name: 'cursor_contact_id', nullable: true }) cursorContactId!: string | null;
  @Column('integer') processed!: number;
  @Column('integer') sent!: number;
  @Column('integer') total!: number;
  @Column('uuid', { name: 'superseded_by', nullable: true }) supersededBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}
