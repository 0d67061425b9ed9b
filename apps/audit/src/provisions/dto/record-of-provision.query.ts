import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const RECORD_OF_PROVISION_MAX_PAGE = 1000;

export class RecordOfProvisionQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page; none for the first page' })
  @IsOptional()
  @Matches(/^[\w-]{1,200}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Entries (provisions and reads together) on one page', default: 500, minimum: 1, maximum: RECORD_OF_PROVISION_MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @Min(1)
  @Max(RECORD_OF_PROVISION_MAX_PAGE)
  @IsInt() // listed last so that it is checked first: "many" is reported as not an integer, not as too large
  limit = 500;
}
