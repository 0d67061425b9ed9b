import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { RegistryException, RegistryErrorDto } from '@registry/platform';
import type { FastifyReply } from 'fastify';
import { ContactsService } from './contacts.service';
import { AppendTransactionsDto } from './dto/append-transactions.dto';
import {
  CONTACT_VIEW_SCHEMA,
  ContactPageResponse,
  ContactResponse,
  ContactViewModels,
  contactViewResponse,
  RegistrationResponse,
  SuspendedContactResponse,
} from './dto/contact.response';
import { CorrectContactDto } from './dto/correct-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { RegisterContactDto } from './dto/register-contact.dto';
import { JointUseConsentResultResponse, RecordJointUseConsentDto } from './dto/joint-use-consent.dto';
import { RecordJointUseConsentUseCase } from './record-joint-use-consent.use-case';
import { RegisterContactUseCase } from './register-contact.use-case';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('contacts')
@ApiBearerAuth()
@ContactViewModels
@Controller('contacts')
export class ContactsController {
  constructor(
    @Inject(ContactsService) private readonly contacts: ContactsService,
    @Inject(RegisterContactUseCase) private readonly registration: RegisterContactUseCase,
    @Inject(RecordJointUseConsentUseCase) private readonly consent: RecordJointUseConsentUseCase,
  ) {}

  @Post()
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'registerContact',
    summary: 'Register a contact acquired by the caller’s company',
    description:
      'A person already registered (same e-mail, or same name, organization and phone) is not duplicated: the acquisition joins that person (200, registration LINKED). Either way the answer holds only what this registration submitted.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body gets the first answer and stores nothing new' })
  @ApiCreatedResponse({ type: RegistrationResponse, description: 'A new person (registration CREATED)' })
  @ApiOkResponse({ type: RegistrationResponse, description: 'Joined an existing person (registration LINKED)' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'IDEMPOTENCY_KEY_REUSED: the key was used by your company with a different body' })
  @ApiUnprocessableEntityResponse({ type: RegistryErrorDto, description: 'SPECIFIED_PERSONAL_INFORMATION: a My Number in any field' })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: RegisterContactDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationResponse> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RegistryException('VALIDATION_FAILED', 400, 'The Idempotency-Key header must be 1 to 200 visible ASCII characters.', [
        { field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const answer = await this.registration.execute(principal, dto, idempotencyKey ?? null);
    void reply.status(answer.statusCode);
    return answer.body;
  }

  @Get()
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'listContacts',
    summary: 'Contacts the caller’s company acquired, as its company sees them (all, for the administrator), newest first',
    description: 'Persons whose use is suspended at their request are not listed to sales staff.',
  })
  @ApiOkResponse({ type: ContactPageResponse })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListContactsQuery): Promise<ContactPageResponse> {
    const page = await this.contacts.list(principal, query);
    return {
      contacts: page.views.flatMap((view) => (view.kind === 'FULL' ? [ContactResponse.from(view, principal)] : [])),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'getContact',
    summary: 'A contact acquired by the caller’s company, as its company sees it (any contact, in full, for the administrator)',
    description: 'While the person’s use is suspended, sales staff get only the id, the status and their own acquisitions’ facts.',
  })
  @ApiOkResponse({ schema: CONTACT_VIEW_SCHEMA })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'CONTACT_NOT_FOUND: no such contact acquired by your company' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ContactResponse | SuspendedContactResponse> {
    return contactViewResponse(await this.contacts.get(principal, id), principal);
  }

  @Patch(':id')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'correctContact',
    summary: 'Correct, add or delete items; send the version you read',
    description: 'Sales staff correct their own company’s view of the person; the administrator’s correction holds for every company.',
  })
  @ApiOkResponse({ type: ContactResponse })
  @ApiBadRequestResponse({ type: RegistryErrorDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'CONTACT_NOT_FOUND: no such contact acquired by your company' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'STALE_VERSION: the contact changed since you read it; CONTACT_SUSPENDED: its use is suspended' })
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CorrectContactDto,
  ): Promise<ContactResponse | SuspendedContactResponse> {
    return contactViewResponse(await this.contacts.correct(principal, id, dto), principal);
  }

  @Post(':id/transactions')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ operationId: 'appendContactTransactions', summary: 'Append entries to the transaction history, as the caller’s company' })
  @ApiCreatedResponse({ type: ContactResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'CONTACT_NOT_FOUND: no such contact acquired by your company' })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'CONTACT_SUSPENDED: its use is suspended' })
  async appendTransactions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AppendTransactionsDto,
  ): Promise<ContactResponse | SuspendedContactResponse> {
    return contactViewResponse(await this.contacts.appendTransactions(principal, id, dto), principal);
  }

  @Post(':id/joint-use-consent')
  @HttpCode(201)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'recordJointUseConsent',
    summary: 'Record the person’s consent to joint use (administrator only)',
    description:
      'Kept with who recorded it and when, under the notice revision in force on the day of consent, and published with the person’s state as the revision covering their joint use. Lifts a hold for the person never having been told of joint use (JOINT_USE_NOT_NOTIFIED); a suspension at their request or a hold after their objection stays.',
  })
  @ApiCreatedResponse({ type: JointUseConsentResultResponse })
  @ApiBadRequestResponse({ type: RegistryErrorDto, description: 'VALIDATION_FAILED: consentedOn missing, malformed or in the future; evidence missing or over 1000 characters' })
  @ApiUnauthorizedResponse({ type: RegistryErrorDto, description: 'UNAUTHORIZED: no token, or one that does not verify' })
  @ApiForbiddenResponse({ type: RegistryErrorDto, description: 'FORBIDDEN: only the administrator records a consent' })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'CONTACT_NOT_FOUND' })
  async recordConsent(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RecordJointUseConsentDto,
  ): Promise<JointUseConsentResultResponse> {
    return this.consent.execute(principal, id, dto);
  }
}
