import { RegistryErrorDto } from '@registry/platform';
import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import type { FastifyReply } from 'fastify';
import { DeskAlertsService, type DeskAlert } from './desk-alerts.service';
import type { AnsweredDisclosure } from './disclosure-answer';
import { DISCLOSURE_PAGE_CSP, disclosurePage } from './disclosure-page';
import {
  AcknowledgeDto,
  CloseRequestDto,
  ComplaintResponseDto,
  ConfirmPersonsDto,
  CorrectionDto,
  DeliveryMethodDto,
  DeskAlertsQuery,
  DisclosureQuery,
  ErasureDto,
  JointUseDto,
  ListRequestsQuery,
  OpenSubjectRequestDto,
  RefusalDto,
} from './dto/subject-request.dto';
import {
  DeskAlertResponse,
  DeskSummaryResponse,
  DisclosureBundleResponse,
  JointUseResponse,
  SubjectRequestResponse,
  SubjectRequestSummaryResponse,
} from './dto/rights.responses';
import { SubjectRequestsService, type SubjectRequest } from './subject-requests.service';
import { TransactionEntryCorrectionDto } from './dto/transaction-entry-correction.dto';
import { CorrectForSubjectUseCase } from './use-cases/correct-for-subject.use-case';
import { CorrectTransactionEntryForSubjectUseCase } from './use-cases/correct-transaction-entry-for-subject.use-case';
import { DiscloseToSubjectUseCase } from './use-cases/disclose-to-subject.use-case';
import { EraseForSubjectUseCase } from './use-cases/erase-for-subject.use-case';
import { RespondToComplaintUseCase } from './use-cases/respond-to-complaint.use-case';
import { ReviewDeskAlertsUseCase, type DeskSummary } from './use-cases/review-desk-alerts.use-case';
import { SetJointUseUseCase } from './use-cases/set-joint-use.use-case';
import { SetSubjectSuspensionUseCase } from './use-cases/set-subject-suspension.use-case';

/** Refusals every route of the desk can give: no or a bad token, a caller who is not the administrator, a bad body or parameter. */
export const DeskRefusals = () =>
  applyDecorators(
    ApiUnauthorizedResponse({ type: RegistryErrorDto, description: 'UNAUTHORIZED: no token, or one that does not verify' }),
    ApiForbiddenResponse({ type: RegistryErrorDto, description: 'FORBIDDEN: only the administrator may use the desk' }),
    ApiBadRequestResponse({ type: RegistryErrorDto, description: 'VALIDATION_FAILED: a field or parameter breaks a rule' }),
  );

/** Refusals of a request's actions. */
const RequestActionRefusals = () =>
  applyDecorators(
    ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' }),
    ApiConflictResponse({ type: RegistryErrorDto, description: 'REQUEST_CLOSED, ACTION_NOT_FOR_THIS_REQUEST or NO_CONFIRMED_PERSON' }),
  );

/** The privacy office's desk for data subjects' requests; the administrator only. Each route hands its work to one use case. */
@ApiTags('data subject requests')
@ApiBearerAuth()
@DeskRefusals()
@Controller()
export class SubjectRequestsController {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DiscloseToSubjectUseCase) private readonly disclosure: DiscloseToSubjectUseCase,
    @Inject(CorrectForSubjectUseCase) private readonly correction: CorrectForSubjectUseCase,
    @Inject(CorrectTransactionEntryForSubjectUseCase) private readonly entryCorrection: CorrectTransactionEntryForSubjectUseCase,
    @Inject(SetSubjectSuspensionUseCase) private readonly suspension: SetSubjectSuspensionUseCase,
    @Inject(EraseForSubjectUseCase) private readonly erasure: EraseForSubjectUseCase,
    @Inject(SetJointUseUseCase) private readonly jointUse: SetJointUseUseCase,
    @Inject(RespondToComplaintUseCase) private readonly complaintResponse: RespondToComplaintUseCase,
    @Inject(ReviewDeskAlertsUseCase) private readonly alertReview: ReviewDeskAlertsUseCase,
    @Inject(DeskAlertsService) private readonly alerts: DeskAlertsService,
  ) {}

  @Post('subject-requests')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'openSubjectRequest',
    summary: 'Open a request for a person, identified by e-mail, phone, or name (kanji or kana) with organization; answers with the persons it matched',
    description:
      'receivedOn (default today, Japan) starts the clock; deliveryMethod is required for DISCLOSURE and DISCLOSURE_OF_PROVISION_RECORD. A COMPLAINT or CONSULTATION needs a summary and no person.',
  })
  @ApiCreatedResponse({ type: SubjectRequestResponse })
  async open(@CurrentPrincipal() principal: Principal, @Body() dto: OpenSubjectRequestDto): Promise<SubjectRequest> {
    return this.requests.open(principal, dto);
  }

  @Get('subject-requests')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listSubjectRequests', summary: 'Requests, newest first, with their age in days and whether they are overdue' })
  @ApiOkResponse({ type: [SubjectRequestSummaryResponse] })
  async list(@Query() query: ListRequestsQuery): Promise<Omit<SubjectRequest, 'matches' | 'timeline'>[]> {
    return this.requests.list(query.status);
  }

  @Get('subject-requests/:id')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getSubjectRequest', summary: 'One request with its matched persons and its timeline' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    return this.requests.get(id);
  }

  @Post('subject-requests/:id/confirmation')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'confirmSubjectRequestPersons', summary: 'Confirm which of the matched persons the request is about, and how the identity of who asked was verified (the caller is recorded as the checker)' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'REQUEST_CLOSED' })
  @ApiUnprocessableEntityResponse({ type: RegistryErrorDto, description: 'NOT_MATCHED: a person the request did not match' })
  async confirm(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmPersonsDto): Promise<SubjectRequest> {
    return this.requests.confirm(principal, id, dto.contactIds, dto.identityCheck);
  }

  @Post('subject-requests/:id/refusal')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'refuseSubjectRequest',
    summary: 'Refuse the request in whole or in part, on a ground its type allows, with the reasons the person is told; a later refusal replaces it',
    description: 'A refusal in whole makes the disclosure bundle a notice of refusal with none of the person’s data; a partial one says what was refused. The bundle tells the person they may ask for the reasons to be explained (APPI art. 36).',
  })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'REQUEST_CLOSED' })
  @ApiUnprocessableEntityResponse({ type: RegistryErrorDto, description: 'GROUND_NOT_FOR_THIS_REQUEST: the ground does not apply to this type of request' })
  async refuse(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RefusalDto): Promise<SubjectRequest> {
    return this.requests.refuse(principal, id, dto);
  }

  @Put('subject-requests/:id/delivery-method')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'setSubjectRequestDeliveryMethod', summary: 'Change how the person asked to receive the answer (ELECTRONIC or PAPER), until the request is closed' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'REQUEST_CLOSED' })
  async setDeliveryMethod(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DeliveryMethodDto): Promise<SubjectRequest> {
    return this.requests.setDeliveryMethod(principal, id, dto.deliveryMethod);
  }

  @Post('subject-requests/:id/response')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'respondToComplaint', summary: 'Record the answer to a complaint or consultation (no confirmed person needed)' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  async respond(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ComplaintResponseDto): Promise<SubjectRequest> {
    return this.complaintResponse.execute(principal, id, dto.summary);
  }

  @Get('subject-requests/:id/disclosure')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getDisclosureBundle',
    summary: 'The disclosure bundle (JSON, or a printable page with format=html)',
    description:
      'Every item held about the confirmed persons in every service (intake-only fields, each acquisition’s items as submitted and each correction included), the joint-use notice, the group’s purposes of use, and the record of provision from audit. For NOTIFICATION_OF_PURPOSE, the notice and purposes with, for each acquisition, the acquiring company, date, method, notice version, purposes shown, whether joint use was told, and the company’s own purposes, and the person’s consents to joint use; for DISCLOSURE_OF_PROVISION_RECORD, the record of provision alone.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: DisclosureBundleResponse })
  @RequestActionRefusals()
  @ApiServiceUnavailableResponse({ type: RegistryErrorDto, description: 'SERVICE_UNAVAILABLE: sharing or audit did not answer' })
  async disclose(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: DisclosureQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnsweredDisclosure | string> {
    const bundle = await this.disclosure.execute(principal, id, query.format ?? 'json');
    if (query.format !== 'html') return bundle;
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', DISCLOSURE_PAGE_CSP);
    return disclosurePage(bundle);
  }

  @Post('subject-requests/:id/correction')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'correctForSubject', summary: 'Correct, add or delete items of the confirmed persons, for every company’s view; each change is published as the contact’s new state' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  async correct(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CorrectionDto): Promise<SubjectRequest> {
    return this.correction.execute(principal, id, dto.changes);
  }

  @Patch('subject-requests/:id/transaction-entries/:entryId')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'correctTransactionEntryForSubject',
    summary: 'Correct the date or description of one transaction history entry of a confirmed person (a CORRECTION request), for every company’s view',
    description: 'The entry is named by its id (from GET /contacts/{id}). The change is kept in the person’s corrections and the request’s timeline, and published as the contact’s new state.',
  })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND, or TRANSACTION_ENTRY_NOT_FOUND: no such entry held for the confirmed persons' })
  async correctTransactionEntry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('entryId', new ParseUUIDPipe()) entryId: string,
    @Body() dto: TransactionEntryCorrectionDto,
  ): Promise<SubjectRequest> {
    return this.entryCorrection.correct(principal, id, entryId, dto);
  }

  @Delete('subject-requests/:id/transaction-entries/:entryId')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'deleteTransactionEntryForSubject',
    summary: 'Delete one transaction history entry of a confirmed person (a CORRECTION request), from every company’s view',
    description: 'The deletion is kept in the person’s corrections and the request’s timeline, and published as the contact’s new state.',
  })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND, or TRANSACTION_ENTRY_NOT_FOUND: no such entry held for the confirmed persons' })
  async deleteTransactionEntry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('entryId', new ParseUUIDPipe()) entryId: string,
  ): Promise<SubjectRequest> {
    return this.entryCorrection.delete(principal, id, entryId);
  }

  @Post('subject-requests/:id/suspension')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'suspendUseForSubject',
    summary: 'Suspend joint use of the confirmed persons: sharing refuses reads and withdraws them from every company that had them; sales staff see them as suspended',
  })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  async suspend(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    return this.suspension.execute(principal, id, true);
  }

  @Delete('subject-requests/:id/suspension')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'liftSuspensionForSubject', summary: 'Lift the suspension: the persons are delivered again to the companies eligible now' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  async lift(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    return this.suspension.execute(principal, id, false);
  }

  @Post('subject-requests/:id/erasure')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'eraseForSubject',
    summary: 'Erase the confirmed persons from contacts and sharing and every company’s topic (tombstones); optionally keep them on the suppression list',
  })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @RequestActionRefusals()
  async erase(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ErasureDto): Promise<SubjectRequest> {
    return this.erasure.execute(principal, id, dto.doNotContactAgain);
  }

  @Post('subject-requests/:id/closure')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'closeSubjectRequest', summary: 'Close the request, saying how it was answered; REFUSED or PARTIALLY_REFUSED with the refusal, recorded before or given here' })
  @ApiOkResponse({ type: SubjectRequestResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'REQUEST_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'REQUEST_CLOSED' })
  @ApiUnprocessableEntityResponse({ type: RegistryErrorDto, description: 'RESULT_CONTRADICTS_REFUSAL or GROUND_NOT_FOR_THIS_REQUEST' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CloseRequestDto): Promise<SubjectRequest> {
    return this.requests.close(principal, id, dto.outcome, { result: dto.result, refusal: dto.refusal });
  }

  @Put('contacts/:id/joint-use')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'setContactJointUse',
    summary: 'Set a person’s joint-use status: ACTIVE releases one held out of joint use',
    description: 'A person never told of joint use stays HELD with heldReason JOINT_USE_NOT_NOTIFIED: record their consent (POST /contacts/{id}/joint-use-consent) instead.',
  })
  @ApiOkResponse({ type: JointUseResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'CONTACT_NOT_FOUND' })
  async setJointUse(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: JointUseDto): Promise<JointUseResponse> {
    return this.jointUse.execute(id, dto.status);
  }

  @Get('desk-alerts')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listDeskAlerts', summary: 'Requests open too long, and people on the suppression list who registered again' })
  @ApiOkResponse({ type: [DeskAlertResponse] })
  async deskAlerts(@Query() query: DeskAlertsQuery): Promise<DeskAlert[]> {
    return this.alertReview.execute(query.status);
  }

  @Get('desk-alerts/summary')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getDeskSummary', summary: 'Counts of what waits for the desk: open alerts, overdue requests, retention proposals' })
  @ApiOkResponse({ type: DeskSummaryResponse })
  async deskSummary(): Promise<DeskSummary> {
    return this.alertReview.summary();
  }

  @Post('desk-alerts/:id/acknowledgement')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'acknowledgeDeskAlert', summary: 'Acknowledge a desk alert, with an optional note' })
  @ApiOkResponse({ type: DeskAlertResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'ALERT_NOT_FOUND' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'ALERT_ALREADY_ACKNOWLEDGED' })
  async acknowledge(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcknowledgeDto): Promise<DeskAlert> {
    return this.alerts.acknowledge(id, principal.subject, dto.note ?? null);
  }
}
