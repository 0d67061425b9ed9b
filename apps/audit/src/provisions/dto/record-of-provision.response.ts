import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ACQUISITION_NOTICE_VERSION =
  'Version of the joint-use notice the person was told of joint use under (at acquisition, or by consent), which bounds the items shared and the companies reached; null for records from before it was recorded';

export class ProvisionEntryResponse {
  @ApiProperty({ description: 'Sequence number in the provisions chain' }) seq!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty({ enum: ['DELIVERED', 'WITHDRAWN'] }) kind!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String] }) purposes!: string[];
  @ApiProperty() providedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The joint-use notice the provision was decided under; null for records from before it was recorded' })
  noticeVersion!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: ACQUISITION_NOTICE_VERSION }) acquisitionNoticeVersion!: string | null;
}

export class AccessEntryResponse {
  @ApiProperty({ description: 'Sequence number in the accesses chain' }) seq!: string;
  @ApiProperty() companyCode!: string;
  @ApiProperty() operation!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) purpose!: string | null;
  @ApiProperty({ enum: ['GRANTED'] }) outcome!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() accessedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The joint-use notice the access was decided under; null for records from before it was recorded' })
  noticeVersion!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: ACQUISITION_NOTICE_VERSION }) acquisitionNoticeVersion!: string | null;
}

export class RecordOfProvisionTotal {
  @ApiProperty({ description: 'provisions + accesses' }) entries!: number;
  @ApiProperty() provisions!: number;
  @ApiProperty() accesses!: number;
}

export class RecordOfProvisionPageResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty({ type: [ProvisionEntryResponse], description: "This page's deliveries and withdrawals, in the order audit recorded them" })
  provisions!: ProvisionEntryResponse[];
  @ApiProperty({ type: [AccessEntryResponse], description: "This page's granted reads naming the person, in the order audit recorded them; they follow the provisions" })
  accesses!: AccessEntryResponse[];
  @ApiProperty({ type: RecordOfProvisionTotal, description: 'How many entries the whole record holds at the time of this page' })
  total!: RecordOfProvisionTotal;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor!: string | null;
}

