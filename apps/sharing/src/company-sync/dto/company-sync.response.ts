import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DENIAL_REASONS, type DenialReason } from '@registry/policy';
import {
  SYNC_JOB_KINDS,
  SYNC_JOB_STATUSES,
  TRANSITION_CAUSES,
  type CompanySyncJobEntity,
  type SyncJobKind,
  type SyncJobStatus,
  type TransitionCause,
} from '../company-sync-job.entity';

export class CompanySyncJobResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SYNC_JOB_KINDS, description: 'BACKFILL delivers every jointly usable contact; WITHDRAWAL withdraws every contact the company holds' })
  kind!: SyncJobKind;
  @ApiProperty({ enum: SYNC_JOB_STATUSES, description: 'SUPERSEDED: a newer change of eligibility took over before it finished' })
  status!: SyncJobStatus;
  @ApiProperty({ enum: TRANSITION_CAUSES, description: 'A change to the register, or a joining or leaving date reached' }) cause!: TransitionCause;
  @ApiProperty({ description: 'The register entry version the change was decided on' }) registerVersion!: number;
  @ApiPropertyOptional({ enum: DENIAL_REASONS, nullable: true, description: 'Why the company stopped being eligible; null for a backfill' })
  ineligibleReason!: DenialReason | null;
  @ApiProperty({ description: 'Contacts gone through so far' }) processed!: number;
  @ApiProperty({ description: 'Contacts to go through: counted when the job was created, the final count once it is done' }) total!: number;
  @ApiProperty({ description: 'Deliveries or withdrawals written (a contact the company already had at its version is not sent again)' }) sent!: number;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'The job that took over' }) supersededBy!: string | null;

  static from(job: CompanySyncJobEntity): CompanySyncJobResponse {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      cause: job.cause,
      registerVersion: job.registerVersion,
      ineligibleReason: job.ineligibleReason,
      processed: job.processed,
      total: job.total,
      sent: job.sent,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      supersededBy: job.supersededBy,
    };
  }
}

export class CompanySyncResponse {
  @ApiProperty() companyCode!: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Whether contacts go to the company’s topic; null until first decided' }) eligible!: boolean | null;
  @ApiProperty({ type: [CompanySyncJobResponse], description: 'Newest first' }) jobs!: CompanySyncJobResponse[];
}
