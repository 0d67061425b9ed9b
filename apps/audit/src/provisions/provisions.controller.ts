import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowServiceScope, DISCLOSURE_READ_SCOPE, RequireRoles } from '@registry/auth';
import { ProvisionPageResponse, ProvisionRecordResponse } from './dto/provision-record.response';
import { RecordOfProvisionResponse } from './dto/record-of-provision.response';
import { SearchProvisionsQuery } from './dto/search-provisions.query';
import { ProvisionRecordsService, type RecordOfProvision } from './provision-records.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ProvisionsController {
  constructor(@Inject(ProvisionRecordsService) private readonly records: ProvisionRecordsService) {}

  @Get('provisions')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Deliveries of contacts to group companies, and withdrawals, newest first (filter by contactId for one data subject)' })
  @ApiOkResponse({ type: ProvisionPageResponse })
  async search(@Query() query: SearchProvisionsQuery): Promise<ProvisionPageResponse> {
    const page = await this.records.search(query);
    return { records: page.records.map((record) => ProvisionRecordResponse.from(record)), nextCursor: page.nextCursor };
  }

  @Get('contacts/:contactId/record-of-provision')
  @RequireRoles('admin')
  @AllowServiceScope(DISCLOSURE_READ_SCOPE)
  @ApiOperation({
    summary: 'The record of provision of one data subject: which companies received or read their data, when, for what purpose',
    description: 'Each entry names the notice revision in force at the time and the one the person was told of joint use under.',
  })
  @ApiOkResponse({ type: RecordOfProvisionResponse })
  async recordOfProvision(@Param('contactId', new ParseUUIDPipe()) contactId: string): Promise<RecordOfProvision> {
    return this.records.recordOfProvision(contactId);
  }
}
