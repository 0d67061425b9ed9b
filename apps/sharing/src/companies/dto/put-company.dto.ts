import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KAFKA_CREDENTIAL_STATES, REGISTER_CHANGES, type KafkaCredentialState, type RegisterChange } from '@registry/contracts';
import { GROUP_RELATIONSHIPS, type GroupRelationship } from '@registry/policy';
import type { GroupCompanyChangeEntity, RegisterEntryState } from '../group-company-change.entity';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class PutCompanyDto {
  @ApiProperty({ example: 'Pasona Inc.' }) @IsString() @MinLength(1) @MaxLength(200) legalName!: string;
  @ApiProperty({ example: 'JP', description: 'ISO 3166-1 alpha-2' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as JP' }) country!: string;
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) @IsIn(GROUP_RELATIONSHIPS) relationship!: GroupRelationship;
  @ApiProperty({ example: '2010-04-01' }) @IsDateString({ strict: true }) joinedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) @IsOptional() @IsDateString({ strict: true }) leftOn?: string | null;
  @ApiProperty() @IsBoolean() active!: boolean;
}

export class CompanyResponse {
  @ApiProperty() code!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) relationship!: GroupRelationship;
  @ApiProperty() joinedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) leftOn!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: KAFKA_CREDENTIAL_STATES, description: 'Whether the company holds Kafka credentials to follow its topic' })
  kafkaCredentials!: KafkaCredentialState;
  @ApiProperty() version!: number;

  static from(company: CompanyResponse): CompanyResponse {
    const { code, legalName, country, relationship, joinedOn, leftOn, active, kafkaCredentials, version } = company;
    return { code, legalName, country, relationship, joinedOn, leftOn, active, kafkaCredentials, version };
  }
}

export class CompanyChangeResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: REGISTER_CHANGES, description: 'The entry itself, or the company’s Kafka credentials' }) change!: RegisterChange;
  @ApiProperty() changedBy!: string;
  @ApiProperty() changedAt!: string;
  @ApiPropertyOptional({ description: 'The entry before the change; null when it was created' }) before!: RegisterEntryState | null;
  @ApiProperty() after!: RegisterEntryState;

  static from(change: GroupCompanyChangeEntity): CompanyChangeResponse {
    return { version: change.version, change: change.change, changedBy: change.changedBy, changedAt: change.changedAt.toISOString(), before: change.before, after: change.after };
  }
}
