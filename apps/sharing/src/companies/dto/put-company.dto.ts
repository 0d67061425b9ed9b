import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GROUP_RELATIONSHIPS, type GroupRelationship } from '@registry/policy';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class PutCompanyDto {
  @ApiProperty({ example: 'Pasona Inc.' }) @IsString() @MinLength(1) @MaxLength(200) legalName!: string;
  @ApiProperty({ example: 'JP', description: 'ISO 3166-1 alpha-2' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as JP' }) country!: string;
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) @IsIn(GROUP_RELATIONSHIPS) relationship!: GroupRelationship;
  @ApiProperty({ example: '2010-04-01' }) @IsDateString({ strict: true }) joinedOn!: string;
  @ApiPropertyOptional({ example: null }) @IsOptional() @IsDateString({ strict: true }) leftOn?: string | null;
  @ApiProperty() @IsBoolean() active!: boolean;
}

export class CompanyResponse {
  @ApiProperty() code!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() country!: string;
  @ApiProperty({ enum: GROUP_RELATIONSHIPS }) relationship!: GroupRelationship;
  @ApiProperty() joinedOn!: string;
  @ApiPropertyOptional() leftOn!: string | null;
  @ApiProperty() active!: boolean;

  static from(company: CompanyResponse): CompanyResponse {
    const { code, legalName, country, relationship, joinedOn, leftOn, active } = company;
    return { code, legalName, country, relationship, joinedOn, leftOn, active };
  }
}
