import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NOTICE_VERSION_PATTERN } from '@registry/policy';
import { ACQUISITION_METHODS, type AcquisitionMethod } from '../access';
import type { PersonName, PostalAddress, SharedContactItems, TransactionEntry } from '../shared-items';
import { EventEnvelope } from './event-envelope';

export const COMPANY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const MAX_TRANSACTION_ENTRIES = 500;

export class PersonNamePayload implements PersonName {
  @IsString() @MinLength(1) @MaxLength(100) full!: string;
  @IsOptional() @IsString() @MaxLength(100) kana?: string;
}

export class PostalAddressPayload implements PostalAddress {
  @Matches(/^\d{3}-\d{4}$/) postalCode!: string;
  @IsString() @MinLength(1) @MaxLength(10) prefecture!: string;
  @IsString() @MinLength(1) @MaxLength(100) city!: string;
  @IsOptional() @IsString() @MaxLength(200) street?: string;
}

export class TransactionEntryPayload implements TransactionEntry {
  @IsDateString({ strict: true }) occurredOn!: string;
  @IsString() @MinLength(1) @MaxLength(500) description!: string;
  @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
}

/** The allowed items of one contact: exactly the fields of SHARED_ITEMS, nothing else. */
export class SharedContactItemsPayload implements SharedContactItems {
  @IsObject() @ValidateNested() @Type(() => PersonNamePayload) name!: PersonNamePayload;
  @IsString() @MinLength(1) @MaxLength(200) organizationName!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PostalAddressPayload) address?: PostalAddressPayload;
  @IsOptional() @IsString() @MaxLength(100) department?: string;
  @IsOptional() @IsString() @MaxLength(100) title?: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @Matches(/^\+\d{6,15}$/) phone?: string;
  @IsOptional() @Matches(/^\+\d{6,15}$/) fax?: string;

  @IsArray()
  @ArrayMaxSize(MAX_TRANSACTION_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => TransactionEntryPayload)
  transactionHistory!: TransactionEntryPayload[];
}

/** How the contact came to the group; facts about the record, not items of the person. */
export class AcquisitionFacts {
  @IsIn(ACQUISITION_METHODS) method!: AcquisitionMethod;
  @IsDateString({ strict: true }) acquiredOn!: string;
  @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
}

export const CONTACT_EVENT_TYPES = ['ContactRegistered', 'AcquisitionAdded', 'ContactCorrected', 'TransactionAdded', 'JointUseChanged'] as const;
export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

/**
 * Whether the person's data may be used jointly: `ACTIVE`; `SUSPENDED` at the person's request (suspension
 * of use or of provision); `HELD` out of joint use until the administrator decides (a person who asked
 * not to be contacted again registered anew).
 */
export const JOINT_USE_STATUSES = ['ACTIVE', 'SUSPENDED', 'HELD'] as const;
export type JointUseStatus = (typeof JOINT_USE_STATUSES)[number];

export const HELD_REASONS = ['RETURNED_AFTER_OBJECTION', 'JOINT_USE_NOT_NOTIFIED'] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

/**
 * State-carrying event on the compacted contact topic, keyed by contact id: the contact's whole current
 * shared state at `version`. When the person is erased, the key gets a tombstone (a null value) instead.
 */
export class ContactStateEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 3;

  @IsIn(CONTACT_EVENT_TYPES) eventType!: ContactEventType;
  @IsUUID() contactId!: string;
  @IsInt() @Min(1) version!: number;
  @IsObject() @ValidateNested() @Type(() => AcquisitionFacts) acquisition!: AcquisitionFacts;
  @IsObject() @ValidateNested() @Type(() => SharedContactItemsPayload) items!: SharedContactItemsPayload;
  /** Absent from schema version 1 events, which mean `ACTIVE`. */
  @ValidateIf((event: ContactStateEvent) => event.schemaVersion >= 2 || event.jointUse !== undefined) @IsIn(JOINT_USE_STATUSES) jointUse?: JointUseStatus;
  /** The notice revision that covers this person's joint use: the newest under which they were told of joint use (at acquisition, or by consent). Absent before schema version 3: the first revision. */
  @ValidateIf((event: ContactStateEvent) => event.schemaVersion >= 3 || event.noticeVersion !== undefined) @Matches(NOTICE_VERSION_PATTERN) noticeVersion?: string;
  /** Why the person is held out of joint use, when `jointUse` is HELD. */
  @IsOptional() @IsIn(HELD_REASONS) heldReason?: HeldReason;
}
