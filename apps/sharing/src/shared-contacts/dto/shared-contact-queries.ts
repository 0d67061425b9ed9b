import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PurposeQuery } from './purpose.query';

export class SearchSharedContactsQuery extends PurposeQuery {
  @ApiPropertyOptional({ description: 'Part of the organization name' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) organization?: string;
  @ApiPropertyOptional({ example: '東京都' }) @IsOptional() @IsString() @MaxLength(10) prefecture?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsUUID() cursor?: string;
  @ApiPropertyOptional({ type: Number, default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit = 20;
}

export const STATISTICS_BY = ['acquisitionMethod', 'prefecture', 'organization', 'month'] as const;

export class StatisticsQuery extends PurposeQuery {
  @ApiProperty({ enum: STATISTICS_BY }) @IsIn(STATISTICS_BY) by!: (typeof STATISTICS_BY)[number];
}
