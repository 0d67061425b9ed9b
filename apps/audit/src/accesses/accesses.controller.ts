import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@registry/auth';
import { IsISO8601, IsOptional } from 'class-validator';
import { Readable } from 'node:stream';
import { accessCsv } from './access-csv';
import { AccessRecordsService, type CompanySummary } from './access-records.service';
import { AccessPageResponse, AccessRecordResponse } from './dto/access-record.response';
import { AccessFilters, SearchAccessesQuery } from './dto/search-accesses.query';

export class PeriodQuery {
  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Up to this instant (ISO 8601), exclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class SummaryCount {
  @ApiPropertyOptional({ type: String, nullable: true }) purpose!: string | null;
  @ApiProperty({ enum: ['GRANTED', 'DENIED'] }) outcome!: string;
  @ApiProperty() count!: number;
}

export class CompanySummaryResponse {
  @ApiProperty() companyCode!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) from!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ type: [SummaryCount] }) counts!: SummaryCount[];
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AccessesController {
  constructor(@Inject(AccessRecordsService) private readonly records: AccessRecordsService) {}

  @Get('accesses')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'searchAccesses', summary: 'Cross-company accesses, granted and refused, newest first' })
  @ApiOkResponse({ type: AccessPageResponse })
  async search(@Query() query: SearchAccessesQuery): Promise<AccessPageResponse> {
    const { limit, cursor, ...filters } = query;
    const page = await this.records.search(filters, limit, cursor);
    return { records: page.records.map((record) => AccessRecordResponse.from(record)), nextCursor: page.nextCursor };
  }

  @Get('accesses/export.csv')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'exportAccessesCsv',
    summary: 'Every access the filters match, as CSV, streamed newest first (any number of rows)',
    description:
      'UTF-8 with a byte order mark, so that Excel set to Japanese opens it with kana and kanji intact; RFC 4180 quoting and CRLF line ends. ' +
      'A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.',
  })
  @ApiOkResponse({
    description: 'An attachment (accesses-<time>.csv): a header row, then one row an access',
    content: { 'text/csv': { schema: { type: 'string', description: 'CSV, UTF-8 with a byte order mark, CRLF line ends' } } },
  })
  export(@Query() filters: AccessFilters): StreamableFile {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(Readable.from(accessCsv(this.records.pages(filters))), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="accesses-${stamp}.csv"`,
    });
  }

  @Get('companies/:companyCode/summary')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getCompanyAccessSummary', summary: 'One company’s accesses over a period, counted by purpose and outcome' })
  @ApiOkResponse({ type: CompanySummaryResponse })
  async summary(@Param('companyCode') companyCode: string, @Query() period: PeriodQuery): Promise<CompanySummary> {
    return this.records.summary(companyCode, period.from, period.to);
  }
}
