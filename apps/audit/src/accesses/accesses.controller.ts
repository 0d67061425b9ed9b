import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@registry/auth';
import { AccessRecordsService } from './access-records.service';
import { AccessPageResponse, AccessRecordResponse } from './dto/access-record.response';
import { SearchAccessesQuery } from './dto/search-accesses.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/accesses')
export class AccessesController {
  constructor(@Inject(AccessRecordsService) private readonly records: AccessRecordsService) {}

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Cross-company accesses, granted and refused, newest first' })
  @ApiOkResponse({ type: AccessPageResponse })
  async search(@Query() query: SearchAccessesQuery): Promise<AccessPageResponse> {
    const page = await this.records.search(query);
    return { records: page.records.map((record) => AccessRecordResponse.from(record)), nextCursor: page.nextCursor };
  }
}
