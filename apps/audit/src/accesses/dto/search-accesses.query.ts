import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_OPERATIONS, ACCESS_OUTCOMES, DENIAL_REASONS, type AccessOperation, type AccessOutcome, type DenialReason } from '@registry/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** The filters of an access search; the CSV export takes the same. */
export class AccessFilters {
  @ApiPropertyOptional({ description: 'The company code the caller presented' }) @IsOptional() @MaxLength(64) companyCode?: string;
  @ApiPropertyOptional({ description: 'Accesses that touched this contact' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ description: 'The declared purpose code' }) @IsOptional() @MaxLength(64) purpose?: string;
  @ApiPropertyOptional({ enum: ACCESS_OUTCOMES }) @IsOptional() @IsIn(ACCESS_OUTCOMES) outcome?: AccessOutcome;
  @ApiPropertyOptional({ enum: DENIAL_REASONS }) @IsOptional() @IsIn(DENIAL_REASONS) reason?: DenialReason;
  @ApiPropertyOptional({ enum: ACCESS_OPERATIONS }) @IsOptional() @IsIn(ACCESS_OPERATIONS) operation?: AccessOperation;
  @ApiPropertyOptional({ description: 'Accessed at or after this instant (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Accessed before this instant (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class SearchAccessesQuery extends AccessFilters {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^[\w-]{1,200}$/) cursor?: string;
  @ApiPropertyOptional({ type: Number, default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
}
