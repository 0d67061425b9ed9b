import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACQUISITION_METHODS, COMPANY_CODE_PATTERN, type AcquisitionMethod } from '@registry/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ListContactsQuery {
  @ApiPropertyOptional({ description: 'Part of the organization name, any width or case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organization?: string;

  @ApiPropertyOptional({ description: 'The e-mail address, any width or case' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ enum: ACQUISITION_METHODS }) @IsOptional() @IsIn(ACQUISITION_METHODS) acquisitionMethod?: AcquisitionMethod;
  @ApiPropertyOptional({ description: 'Acquired by this company (administrator only; sales staff always see their own company)' })
  @IsOptional()
  @Matches(COMPANY_CODE_PATTERN)
  companyCode?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' }) cursor?: string;
  @ApiPropertyOptional({ type: Number, default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;
}
