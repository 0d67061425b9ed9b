import { ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_OUTCOMES, type AccessOutcome } from '@registry/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class SearchAccessesQuery {
  @ApiPropertyOptional() @IsOptional() @MaxLength(64) companyCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional({ enum: ACCESS_OUTCOMES }) @IsOptional() @IsIn(ACCESS_OUTCOMES) outcome?: AccessOutcome;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,19}$/) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
}
