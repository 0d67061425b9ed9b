import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAIN_NAMES, type ChainName } from '../chains';
import type { Checkpoint } from '../checkpoints.service';
import type { ScheduledVerificationStatus } from '../verification-schedule.service';
import type { BrokenRecord, ChainReport, ChainStatus, VerificationMode, VerificationReport, VerificationTrigger } from '../verification.service';

// The bodies below describe what VerificationService, VerificationScheduleService and CheckpointsService return, as they are sent.

const CHAIN_STATUSES: readonly ChainStatus[] = ['INTACT', 'BROKEN'];
const VERIFICATION_MODES: readonly VerificationMode[] = ['INCREMENTAL', 'FULL'];
const VERIFICATION_TRIGGERS: readonly VerificationTrigger[] = ['SCHEDULED', 'REQUESTED'];

export class BrokenRecordResponse implements BrokenRecord {
  @ApiProperty({ description: 'Sequence number of the first broken record (a decimal string)', example: '42' }) seq!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its event, when the record is there to name it' }) eventId!: string | null;
  @ApiProperty({ description: 'What is wrong, for a person to read' }) problem!: string;
}

export class ChainReportResponse implements ChainReport {
  @ApiProperty({ enum: CHAIN_NAMES }) chain!: ChainName;
  @ApiProperty({ enum: CHAIN_STATUSES }) status!: ChainStatus;
  @ApiProperty({ description: 'Sequence number of the chain head (a decimal string; 0 for an empty chain)' }) headSeq!: string;
  @ApiProperty({ description: 'SHA-256 of the chain head (hex)' }) headHash!: string;
  @ApiProperty({ description: 'The chain was recomputed from the record after this sequence number (0: from its first record)' }) checkedFrom!: string;
  @ApiProperty({ type: 'integer' }) checkedRecords!: number;
  @ApiProperty({ type: 'integer', description: 'Signed checkpoints the recomputed records were checked against' }) checkpointsChecked!: number;
  @ApiProperty({ type: BrokenRecordResponse, nullable: true, description: 'null when the chain is intact' }) firstBroken!: BrokenRecordResponse | null;
}

export class VerificationReportResponse implements VerificationReport {
  @ApiProperty({ enum: CHAIN_STATUSES, description: 'INTACT when every chain is' }) status!: ChainStatus;
  @ApiProperty({ enum: VERIFICATION_MODES }) mode!: VerificationMode;
  @ApiPropertyOptional({ enum: VERIFICATION_TRIGGERS, description: 'Absent in reports stored before scheduled verification existed (they were all requested)' })
  trigger?: VerificationTrigger;
  @ApiProperty({ format: 'date-time' }) verifiedAt!: string;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
  @ApiProperty({ type: 'integer', description: 'Records recomputed, over all chains' }) checkedRecords!: number;
  @ApiProperty({ type: [ChainReportResponse] }) chains!: ChainReportResponse[];
}

export class ScheduledVerificationResponse implements ScheduledVerificationStatus {
  @ApiProperty({ enum: VERIFICATION_MODES }) mode!: VerificationMode;
  @ApiProperty({ type: 'integer' }) intervalSeconds!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null before the first run' }) lastStartedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null before the first run finished' }) lastFinishedAt!: string | null;
  @ApiProperty({ enum: ['DONE', 'FAILED'], nullable: true, description: 'DONE when the run completed (whatever it found), FAILED when it could not complete; null before the first run' })
  lastRun!: 'DONE' | 'FAILED' | null;
}

export class CheckpointResponse implements Omit<Checkpoint, 'sealedAt'> {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CHAIN_NAMES }) chain!: ChainName;
  @ApiProperty({ description: 'Sequence number of the sealed head (a decimal string)' }) seq!: string;
  @ApiProperty({ description: 'SHA-256 of the sealed head (hex)' }) hash!: string;
  @ApiProperty({ description: 'Records in the chain up to the sealed head (a decimal string)' }) records!: string;
  @ApiProperty({ format: 'date-time' }) sealedAt!: string;
  @ApiProperty({ description: 'The signing key: the first 16 hex digits of the SHA-256 of its public key (SPKI DER)' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature of the checkpoint (base64); checks with GET /audit/checkpoints/public-key' }) signature!: string;
}
