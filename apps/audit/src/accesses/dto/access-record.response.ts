import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccessRecordEntity } from '../access-record.entity';

export class AccessRecordResponse {
  @ApiProperty() seq!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() accessId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() operation!: string;
  @ApiPropertyOptional() purpose!: string | null;
  @ApiProperty() contactIds!: string[];
  @ApiProperty() outcome!: string;
  @ApiPropertyOptional() reason!: string | null;
  @ApiProperty() accessedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'SHA-256 linking this record to the one before it in the chain' }) hash!: string;

  static from(record: AccessRecordEntity): AccessRecordResponse {
    return {
      seq: record.seq,
      eventId: record.eventId,
      accessId: record.accessId,
      companyCode: record.companyCode,
      requestedBy: record.requestedBy,
      operation: record.operation,
      purpose: record.purpose,
      contactIds: record.contactIds,
      outcome: record.outcome,
      reason: record.reason,
      accessedAt: record.accessedAt.toISOString(),
      recordedAt: record.recordedAt.toISOString(),
      hash: record.hash,
    };
  }
}

export class AccessPageResponse {
  @ApiProperty({ type: [AccessRecordResponse] }) records!: AccessRecordResponse[];
  @ApiPropertyOptional() nextCursor!: string | null;
}
