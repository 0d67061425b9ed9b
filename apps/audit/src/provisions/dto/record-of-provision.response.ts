import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordOfProvision } from '../provision-records.service';

const NOTICE_VERSION = 'Version of the joint-use notice in force when it happened (GET /joint-use-notice at sharing); null for records from before versions were recorded';
const ACQUISITION_NOTICE_VERSION =
  'Version of the joint-use notice the person was told of joint use under (at acquisition, or by consent), which bounds the items shared and the companies reached; null for records from before it was recorded';

export class ProvisionEntryResponse {
  @ApiProperty() companyCode!: string;
  @ApiProperty({ enum: ['DELIVERED', 'WITHDRAWN'] }) kind!: string;
  @ApiProperty({ description: 'The contact version delivered or withdrawn' }) version!: number;
  @ApiProperty({ type: [String] }) purposes!: string[];
  @ApiProperty() providedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: NOTICE_VERSION }) noticeVersion!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: ACQUISITION_NOTICE_VERSION }) acquisitionNoticeVersion!: string | null;
}

export class AccessEntryResponse {
  @ApiProperty() companyCode!: string;
  @ApiProperty() operation!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) purpose!: string | null;
  @ApiProperty({ enum: ['GRANTED'] }) outcome!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() accessedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: NOTICE_VERSION }) noticeVersion!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: ACQUISITION_NOTICE_VERSION }) acquisitionNoticeVersion!: string | null;
}

/** The record of provision of one data subject. */
export class RecordOfProvisionResponse implements RecordOfProvision {
  @ApiProperty() contactId!: string;
  @ApiProperty({ type: [ProvisionEntryResponse], description: 'Deliveries and withdrawals, oldest first' }) provisions!: ProvisionEntryResponse[];
  @ApiProperty({ type: [AccessEntryResponse], description: 'Granted reads naming the person, oldest first' }) accesses!: AccessEntryResponse[];
}
