import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { AccessService } from './access.service';
import { PurposeQuery } from './dto/purpose.query';
import { SearchSharedContactsQuery, StatisticsQuery } from './dto/shared-contact-queries';
import { SharedContactPageResponse, SharedContactResponse, StatisticsResponse } from './dto/shared-contact.response';

const RECORDED = 'Every call, granted or refused, is recorded for audit before the answer is sent.';
const SCOPE =
  'Each person is shared only with the companies, and only with the items, named both by the notice revision in force and by the revision that covers the person (the one they were told of joint use under); other persons are not found, and other items are null.';

@ApiTags('shared contacts')
@ApiBearerAuth()
@Controller('shared-contacts')
export class SharedContactsController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  @Get()
  @RequireRoles('company')
  @ApiOperation({ operationId: 'searchSharedContacts',
    summary: 'Search jointly used contacts for a declared purpose',
    description: `Active group companies located in Japan only; not for the STATISTICS purpose. Suspended contacts are never found. ${SCOPE} ${RECORDED}`,
  })
  @ApiOkResponse({ type: SharedContactPageResponse })
  async search(@CurrentPrincipal() principal: Principal, @Query() query: SearchSharedContactsQuery): Promise<SharedContactPageResponse> {
    const granted = await this.access.search(principal, query);
    return {
      contacts: granted.value.contacts.map((contact) => SharedContactResponse.from(contact, granted.purpose, granted.accessId)),
      nextCursor: granted.value.nextCursor,
      purpose: granted.purpose,
      accessId: granted.accessId,
    };
  }

  @Get('statistics')
  @RequireRoles('company')
  @ApiOperation({ operationId: 'getSharedContactStatistics',
    summary: 'Aggregate counts for the STATISTICS purpose',
    description:
      `Counts by acquisition method, prefecture, organization or month, by the cell-key method: each count perturbed by at most maxNoise, ` +
      `the same answer for the same cells every time, no count below the threshold, suppressed cells counted but not named, and a perturbed total. ` +
      `The number of persons counted is recorded toward the read-rate alert. ${RECORDED}`,
  })
  @ApiOkResponse({ type: StatisticsResponse })
  async statistics(@CurrentPrincipal() principal: Principal, @Query() query: StatisticsQuery): Promise<StatisticsResponse> {
    const granted = await this.access.statistics(principal, query);
    const table = granted.value;
    return {
      by: table.by,
      cells: table.cells.map((cell) => ({ key: cell.key, count: cell.count })),
      suppressedCells: table.suppressedCells,
      total: table.total,
      threshold: table.threshold,
      maxNoise: table.maxNoise,
      method: 'CELL_KEY_PERTURBATION',
      purpose: granted.purpose,
      accessId: granted.accessId,
    };
  }

  @Get(':id')
  @RequireRoles('company')
  @ApiOperation({ operationId: 'getSharedContact',
    summary: 'Read one jointly used contact for a declared purpose',
    description: `Active group companies located in Japan only, for a purpose of joint use other than STATISTICS. ${SCOPE} ${RECORDED}`,
  })
  @ApiOkResponse({ type: SharedContactResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PurposeQuery,
  ): Promise<SharedContactResponse> {
    const granted = await this.access.readContact(principal, id, query.purpose);
    return SharedContactResponse.from(granted.value, granted.purpose, granted.accessId);
  }
}
