import { RegistryErrorDto } from '@registry/platform';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { RetentionProposalResponse } from './dto/rights.responses';
import { DismissRetentionProposalDto, RetentionProposalsQuery } from './dto/subject-request.dto';
import { RetentionProposalsService, type RetentionProposal } from './retention-proposals.service';
import { DeskRefusals } from './subject-requests.controller';
import { EraseForRetentionUseCase } from './use-cases/erase-for-retention.use-case';

/** Persons inactive for the retention period, proposed for erasure; the administrator decides each. */
@ApiTags('retention')
@ApiBearerAuth()
@DeskRefusals()
@Controller('retention-proposals')
export class RetentionProposalsController {
  constructor(
    @Inject(RetentionProposalsService) private readonly proposals: RetentionProposalsService,
    @Inject(EraseForRetentionUseCase) private readonly erasure: EraseForRetentionUseCase,
  ) {}

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listRetentionProposals',
    summary: 'Proposals (PROPOSED by default), oldest first, each with the person’s last activity and why; the open ones are brought up to date first',
  })
  @ApiOkResponse({ type: [RetentionProposalResponse] })
  async list(@Query() query: RetentionProposalsQuery): Promise<RetentionProposal[]> {
    const status = query.status ?? 'PROPOSED';
    if (status === 'PROPOSED') await this.proposals.propose();
    return this.proposals.list(status);
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'confirmRetentionProposal', summary: 'Erase the person as an erasure request would (contacts, sharing, every company’s topic, tombstones)' })
  @ApiOkResponse({ type: RetentionProposalResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'RETENTION_PROPOSAL_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'RETENTION_PROPOSAL_DECIDED, PERSON_ACTIVE_AGAIN, PERSON_ALREADY_ERASED or PERSON_HAS_OPEN_REQUEST' })
  async confirm(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<RetentionProposal> {
    return this.erasure.execute(principal, id);
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'dismissRetentionProposal', summary: 'Keep the person, saying why; no new proposal for them before RETENTION_DISMISSAL_POSTPONE_DAYS have passed' })
  @ApiOkResponse({ type: RetentionProposalResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'RETENTION_PROPOSAL_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'RETENTION_PROPOSAL_DECIDED' })
  async dismiss(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DismissRetentionProposalDto): Promise<RetentionProposal> {
    return this.proposals.dismiss(principal, id, dto.reason);
  }
}
