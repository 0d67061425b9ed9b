import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class SearchProvisionsQuery {
  @ApiPropertyOptional({ description: 'The data subject (contact id)' }) @IsOptional() @IsUUID() contactId?: string;
  @ApiPropertyOptional() @IsOptional() @MaxLength(64) companyCode?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,19}$/) cursor?: string;
  @ApiPropertyOptional({ type: Number, default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
}
