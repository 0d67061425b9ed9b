import { RegistryErrorDto } from '@registry/platform';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AllowServiceScope, DISCLOSURE_READ_SCOPE, RequireRoles } from '@registry/auth';
import { ProvisionPageResponse, ProvisionRecordResponse } from './dto/provision-record.response';
import { RecordOfProvisionQuery } from './dto/record-of-provision.query';
import { RecordOfProvisionPageResponse } from './dto/record-of-provision.response';
import { SearchProvisionsQuery } from './dto/search-provisions.query';
import { ProvisionRecordsService } from './provision-records.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ProvisionsController {
  constructor(@Inject(ProvisionRecordsService) private readonly records: ProvisionRecordsService) {}

  @Get('provisions')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'searchProvisions', summary: 'Deliveries of contacts to group companies, and withdrawals, newest first (filter by contactId for one data subject)' })
  @ApiOkResponse({ type: ProvisionPageResponse })
  async search(@Query() query: SearchProvisionsQuery): Promise<ProvisionPageResponse> {
    const page = await this.records.search(query);
    return { records: page.records.map((record) => ProvisionRecordResponse.from(record)), nextCursor: page.nextCursor };
  }

  @Get('contacts/:contactId/record-of-provision')
  @RequireRoles('admin')
  @AllowServiceScope(DISCLOSURE_READ_SCOPE)
  @ApiOperation({ operationId: 'getRecordOfProvision',
    summary: 'The record of provision of one data subject: which companies received or read their data, when, for what purpose',
    description:
      'Paged: each page holds up to `limit` entries, the deliveries and withdrawals first, then the granted reads, each in the order audit recorded them. ' +
      'Follow `nextCursor` until it is null to read the whole record; entries recorded meanwhile come on later pages, and none is skipped or repeated. ' +
      '`total` counts the whole record at the time of the page. Each entry names the notice revision in force at the time and the one the person was told of joint use under.',
  })
  @ApiOkResponse({ type: RecordOfProvisionPageResponse })
  @ApiBadRequestResponse({ type: RegistryErrorDto, description: 'VALIDATION_FAILED (contactId not a UUID, limit not an integer from 1 to 1000) or INVALID_CURSOR' })
  @ApiUnauthorizedResponse({ type: RegistryErrorDto, description: 'No token, or one that does not verify' })
  @ApiForbiddenResponse({ type: RegistryErrorDto, description: 'FORBIDDEN: the administrator, or contacts gathering a disclosure, only' })
  async recordOfProvision(@Param('contactId', new ParseUUIDPipe()) contactId: string, @Query() query: RecordOfProvisionQuery): Promise<RecordOfProvisionPageResponse> {
    return this.records.recordOfProvision(contactId, query.limit, query.cursor);
  }
}
