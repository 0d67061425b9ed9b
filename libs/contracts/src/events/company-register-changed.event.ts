import { GROUP_RELATIONSHIPS, type GroupRelationship } from '@registry/policy';
import { IsBoolean, IsDateString, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { COMPANY_CODE_PATTERN } from './contact-state.event';
import { EventEnvelope } from './event-envelope';

// The group relationships the joint-use notice names: the very array the policy library derives from it.
export { GROUP_RELATIONSHIPS as COMPANY_RELATIONSHIPS, type GroupRelationship as CompanyRelationship } from '@registry/policy';

/** What a register change was: the entry itself, or the company's Kafka credentials. */
export const REGISTER_CHANGES = ['ENTRY', 'KAFKA_CREDENTIALS_ISSUED', 'KAFKA_CREDENTIALS_ROTATED', 'KAFKA_CREDENTIALS_REVOKED'] as const;
export type RegisterChange = (typeof REGISTER_CHANGES)[number];

/** Whether a company holds Kafka credentials to follow its topic: never issued, issued and in force, or revoked. */
export const KAFKA_CREDENTIAL_STATES = ['NONE', 'ACTIVE', 'REVOKED'] as const;
export type KafkaCredentialState = (typeof KAFKA_CREDENTIAL_STATES)[number];

/**
 * A group company's register entry after a change, with who changed it and when. Codes and dates only.
 * Version 2 adds what the change was and the state of the company's Kafka credentials (absent in version 1).
 */
export class CompanyRegisterChangedEvent extends EventEnvelope {
  static readonly currentSchemaVersion = 2;

  @IsIn(['CompanyRegisterChanged']) eventType!: 'CompanyRegisterChanged';
  @Matches(COMPANY_CODE_PATTERN) companyCode!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @MaxLength(200) legalName!: string;
  @Matches(/^[A-Z]{2}$/) country!: string;
  @IsIn(GROUP_RELATIONSHIPS) relationship!: GroupRelationship;
  @IsDateString({ strict: true }) joinedOn!: string;
  @IsOptional() @IsDateString({ strict: true }) leftOn!: string | null;
  @IsBoolean() active!: boolean;
  @IsOptional() @IsIn(REGISTER_CHANGES) change?: RegisterChange;
  @IsOptional() @IsIn(KAFKA_CREDENTIAL_STATES) kafkaCredentials?: KafkaCredentialState;
  @IsString() @MaxLength(128) changedBy!: string;
  @IsISO8601({ strict: true }) changedAt!: string;
}
