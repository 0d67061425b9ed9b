import { NOTICE_VERSION_PATTERN } from '@registry/policy';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsString, IsUUID, Matches, Min, ValidateIf } from 'class-validator';
import { JOINT_USE_PURPOSES, type JointUsePurpose } from '../purposes';
import { COMPANY_CODE_PATTERN } from './contact-state.event';
import { EventEnvelope } from './event-envelope';

export const PROVISION_KINDS = ['DELIVERED', 'WITHDRAWN'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

/** One delivery of a contact's shared state to a group company, or its withdrawal. Ids and codes only. */
export class ProvisionRecordedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 3;

  @IsIn(['ProvisionRecorded']) eventType!: 'ProvisionRecorded';
  @IsUUID() provisionId!: string;
  @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
  @IsUUID() contactId!: string;
  @IsInt() @Min(1) version!: number;
  @IsIn(PROVISION_KINDS) kind!: ProvisionKind;
  /** The purposes of joint use the delivered data may serve at the receiving company. */
  @IsArray() @ArrayMinSize(1) @IsIn(JOINT_USE_PURPOSES, { each: true }) purposes!: JointUsePurpose[];
  @IsISO8601({ strict: true }) providedAt!: string;
  /** The version of the joint-use notice the provision was made under; schema version 1 events, from before it was recorded, have none. */
  @ValidateIf((event: ProvisionRecordedEvent) => event.schemaVersion >= 2 || event.noticeVersion !== undefined)
  @IsString()
  @Matches(NOTICE_VERSION_PATTERN)
  noticeVersion!: string;
  /** The notice revision the person was told of joint use under (acquisition or consent), which bounds the items and joint users; absent before schema version 3. */
  @ValidateIf((event: ProvisionRecordedEvent) => event.schemaVersion >= 3 || event.acquisitionNoticeVersion !== undefined)
  @IsString()
  @Matches(NOTICE_VERSION_PATTERN)
  acquisitionNoticeVersion?: string;
}
