import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessRecord } from '../access-record';

export class AccessRecordResponse {
  @ApiProperty() seq!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() accessId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() operation!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) purpose!: string | null;
  @ApiProperty() contactIds!: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'How many persons a statistics request counted (none of them named); null for other accesses' })
  personsAggregated!: number | null;
  @ApiProperty() outcome!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() accessedAt!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Version of the joint-use notice the access was decided under (GET /joint-use-notice at sharing); null for accesses recorded before versions were',
  })
  noticeVersion!: string | null;
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description:
      'For each of contactIds, in order, the version of the joint-use notice the person was told of joint use under (null for an id that named no contact); null for accesses recorded before it was',
  })
  acquisitionNoticeVersions!: (string | null)[] | null;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'SHA-256 linking this record to the one before it in the chain' }) hash!: string;

  static from(record: AccessRecord): AccessRecordResponse {
    return {
      seq: record.seq,
      eventId: record.event_id,
      accessId: record.access_id,
      companyCode: record.company_code,
      requestedBy: record.requested_by,
      operation: record.operation,
      purpose: record.purpose,
      contactIds: record.contact_ids,
      personsAggregated: record.persons_aggregated,
      outcome: record.outcome,
      reason: record.reason,
      accessedAt: record.accessed_at.toISOString(),
      noticeVersion: record.notice_version,
      acquisitionNoticeVersions: record.acquisition_notice_versions,
      recordedAt: record.recorded_at.toISOString(),
      hash: record.hash,
    };
  }
}

export class AccessPageResponse {
  @ApiProperty({ type: [AccessRecordResponse] }) records!: AccessRecordResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}
