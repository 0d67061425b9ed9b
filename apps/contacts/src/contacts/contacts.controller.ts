import { Body, Controller, Get, HttpStatus, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import type { FastifyReply } from 'fastify';
import { ContactsService } from './contacts.service';
import { AppendTransactionsDto } from './dto/append-transactions.dto';
import { ContactPageResponse, ContactResponse, RegistrationResponse } from './dto/contact.response';
import { CorrectContactDto } from './dto/correct-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { RegisterContactDto } from './dto/register-contact.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Post()
  @RequireRoles('sales', 'admin')
  @ApiOperation({
    summary: 'Register a contact acquired by the caller’s company',
    description: 'A person already registered (same e-mail, or same name, organization and phone) is not duplicated: the acquisition joins that person (200, registration LINKED).',
  })
  @ApiCreatedResponse({ type: RegistrationResponse, description: 'A new person (registration CREATED)' })
  @ApiOkResponse({ type: RegistrationResponse, description: 'Joined an existing person (registration LINKED)' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIFIED_PERSONAL_INFORMATION: a My Number in any field' })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: RegisterContactDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationResponse> {
    const registration = await this.contacts.register(principal, dto);
    void reply.status(registration.outcome === 'CREATED' ? HttpStatus.CREATED : HttpStatus.OK);
    return { ...ContactResponse.from(registration.contact, registration.acquisitions, principal), registration: registration.outcome };
  }

  @Get()
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'Contacts the caller’s company acquired (all, for the administrator), newest first' })
  @ApiOkResponse({ type: ContactPageResponse })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListContactsQuery): Promise<ContactPageResponse> {
    const page = await this.contacts.list(principal, query);
    return { contacts: page.records.map((r) => ContactResponse.from(r.contact, r.acquisitions, principal)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'A contact acquired by the caller’s company (any contact for the administrator)' })
  @ApiOkResponse({ type: ContactResponse })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ContactResponse> {
    const record = await this.contacts.get(principal, id);
    return ContactResponse.from(record.contact, record.acquisitions, principal);
  }

  @Patch(':id')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'Correct, add or delete items; send the version you read' })
  @ApiOkResponse({ type: ContactResponse })
  @ApiConflictResponse({ description: 'STALE_VERSION: the contact changed since you read it' })
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CorrectContactDto,
  ): Promise<ContactResponse> {
    const record = await this.contacts.correct(principal, id, dto);
    return ContactResponse.from(record.contact, record.acquisitions, principal);
  }

  @Post(':id/transactions')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'Append entries to the transaction history' })
  @ApiOkResponse({ type: ContactResponse })
  async appendTransactions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AppendTransactionsDto,
  ): Promise<ContactResponse> {
    const record = await this.contacts.appendTransactions(principal, id, dto);
    return ContactResponse.from(record.contact, record.acquisitions, principal);
  }
}
