import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProvisionRecordEntity } from '../provision-record.entity';

export class ProvisionRecordResponse {
  @ApiProperty() seq!: string;
  @ApiProperty() provisionId!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() contactId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['DELIVERED', 'WITHDRAWN'] }) kind!: string;
  @ApiProperty() purposes!: string[];
  @ApiProperty() providedAt!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Version of the joint-use notice the provision was made under (GET /joint-use-notice at sharing); null for provisions recorded before versions were',
  })
  noticeVersion!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Version of the joint-use notice the person was told of joint use under (at acquisition, or by consent), which bounds the items shared and the companies reached; null for provisions recorded before it was',
  })
  acquisitionNoticeVersion!: string | null;
  @ApiProperty() recordedAt!: string;

  static from(record: ProvisionRecordEntity): ProvisionRecordResponse {
    return {
      seq: record.seq,
      provisionId: record.provisionId,
      companyCode: record.companyCode,
      contactId: record.contactId,
      version: record.version,
      kind: record.kind,
      purposes: record.purposes,
      providedAt: record.providedAt.toISOString(),
      noticeVersion: record.noticeVersion,
      acquisitionNoticeVersion: record.acquisitionNoticeVersion,
      recordedAt: record.recordedAt.toISOString(),
    };
  }
}

export class ProvisionPageResponse {
  @ApiProperty({ type: [ProvisionRecordResponse] }) records!: ProvisionRecordResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}
