import { GROUP_RELATIONSHIPS, type GroupRelationship } from '@registry/policy';
import { IsBoolean, IsDateString, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { COMPANY_CODE_PATTERN } from './contact-state.event';
import { EventEnvelope } from './event-envelope';

// The group relationships the joint-use notice names: the very array the policy library derives from it.
export { GROUP_RELATIONSHIPS as COMPANY_RELATIONSHIPS, type GroupRelationship as CompanyRelationship } from '@registry/policy';

/** A group company's register entry after a change, with who changed it and when. Codes and dates only. */
export class CompanyRegisterChangedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 1;

  @IsIn(['CompanyRegisterChanged']) eventType!: 'CompanyRegisterChanged';
  @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @MaxLength(200) legalName!: string;
  @Matches(/^[A-Z]{2}$/) country!: string;
  @IsIn(GROUP_RELATIONSHIPS) relationship!: GroupRelationship;
  @IsDateString({ strict: true }) joinedOn!: string;
  @IsOptional() @IsDateString({ strict: true }) leftOn!: string | null;
  @IsBoolean() active!: boolean;
  @IsString() @MaxLength(128) changedBy!: string;
  @IsISO8601({ strict: true }) changedAt!: string;
}
