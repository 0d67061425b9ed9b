import { ACCESS_OPERATIONS, NOTICE_VERSION_PATTERN, type AccessOperation } from '@registry/policy';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { ACCESS_OUTCOMES, DENIAL_REASONS, type AccessOutcome, type DenialReason } from '../access';
import { EventEnvelope } from './event-envelope';

export { ACCESS_OPERATIONS, type AccessOperation } from '@registry/policy';
export const MAX_CONTACTS_PER_ACCESS = 1000;

/**
 * One cross-company access, granted or refused. Ids, codes and times only: never a personal item,
 * so the audit trail built from it never needs erasing.
 */
export class AccessRecordedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 3;

  @IsIn(['AccessRecorded']) eventType!: 'AccessRecorded';
  @IsUUID() accessId!: string;
  /** The company code the token named, as presented; it may be no group member at all. */
  @IsString() @MaxLength(64) companyCode!: string;
  @IsString() @MaxLength(128) requestedBy!: string;
  @IsIn(ACCESS_OPERATIONS) operation!: AccessOperation;
  /** The purpose as declared (printable ASCII, at most 64 characters), or null when none was declared. */
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[\x20-\x7e]*$/) purpose!: string | null;
  @IsArray() @ArrayMaxSize(MAX_CONTACTS_PER_ACCESS) @IsUUID('all', { each: true }) contactIds!: string[];
  /** How many persons a granted statistics request counted (none of them named); absent for every other access. */
  @IsOptional() @IsInt() @Min(0) personsAggregated?: number;
  @IsIn(ACCESS_OUTCOMES) outcome!: AccessOutcome;
  @IsOptional() @IsIn(DENIAL_REASONS) reason!: DenialReason | null;
  @IsISO8601({ strict: true }) accessedAt!: string;
  /** The version of the joint-use notice the access was decided under; schema version 1 events, from before it was recorded, have none. */
  @ValidateIf((event: AccessRecordedEvent) => event.schemaVersion >= 2 || event.noticeVersion !== undefined)
  @IsString()
  @Matches(NOTICE_VERSION_PATTERN)
  noticeVersion!: string;
  /**
   * For each of `contactIds`, in the same order, the notice revision the person was told of joint use under (null for an
   * id that names no contact); absent before schema version 3.
   */
  @ValidateIf((event: AccessRecordedEvent) => event.schemaVersion >= 3 || event.acquisitionNoticeVersions !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS_PER_ACCESS)
  @ValidateBy({
    name: 'isNoticeVersionOrNull',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.every((entry) => entry === null || (typeof entry === 'string' && NOTICE_VERSION_PATTERN.test(entry))),
      defaultMessage: () => 'each entry must be a notice version (YYYY-MM-DD) or null',
    },
  })
  acquisitionNoticeVersions?: (string | null)[];
}
