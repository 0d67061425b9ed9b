import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { ContactsService } from '../contacts/contacts.service';
import { DeskAlertsService, type DeskAlert } from './desk-alerts.service';
import { disclosurePage } from './disclosure-page';
import { DisclosureService, type DisclosureBundle } from './disclosure.service';
import {
  AcknowledgeDto,
  CloseRequestDto,
  ConfirmPersonsDto,
  CorrectionDto,
  DeskAlertsQuery,
  DisclosureQuery,
  ErasureDto,
  JointUseDto,
  ListRequestsQuery,
  OpenSubjectRequestDto,
} from './dto/subject-request.dto';
import { SubjectRequestsService, type SubjectRequest } from './subject-requests.service';

/** The privacy office's desk for data subjects' requests; the administrator only. */
@ApiTags('data subject requests')
@ApiBearerAuth()
@Controller()
export class SubjectRequestsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(DisclosureService) private readonly disclosure: DisclosureService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
    @Inject(DeskAlertsService) private readonly alerts: DeskAlertsService,
  ) {}

  @Post('subject-requests')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Open a request for a person, identified by e-mail, phone, or name (kanji or kana) with organization; answers with the persons it matched' })
  async open(@CurrentPrincipal() principal: Principal, @Body() dto: OpenSubjectRequestDto): Promise<SubjectRequest> {
    return this.requests.open(principal, dto.type, dto.person);
  }

  @Get('subject-requests')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Requests, newest first, with their age in days and whether they are overdue' })
  async list(@Query() query: ListRequestsQuery): Promise<Omit<SubjectRequest, 'matches' | 'timeline'>[]> {
    return this.requests.list(query.status);
  }

  @Get('subject-requests/:id')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'One request with its matched persons and its timeline' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    return this.requests.get(id);
  }

  @Post('subject-requests/:id/confirmation')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Confirm which of the matched persons the request is about' })
  async confirm(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmPersonsDto): Promise<SubjectRequest> {
    return this.requests.confirm(principal, id, dto.contactIds);
  }

  @Get('subject-requests/:id/disclosure')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'The disclosure bundle (JSON, or a printable page with format=html)',
    description:
      'Every item held about the confirmed persons in every service (intake-only fields included), the acquisition records, the joint-use notice and purposes, and the record of provision from audit. For NOTIFICATION_OF_PURPOSE, the notice alone; for DISCLOSURE_OF_PROVISION_RECORD, the record of provision alone.',
  })
  async disclose(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: DisclosureQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DisclosureBundle | string> {
    const { type, contactIds } = await this.requests.confirmedFor(id, 'DISCLOSED');
    const bundle = await this.disclosure.gather(this.dataSource.manager, principal, { id, type }, contactIds);
    await this.requests.record(principal, id, 'DISCLOSED', { contactIds, format: query.format ?? 'json' });
    if (query.format !== 'html') return bundle;
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return disclosurePage(bundle);
  }

  @Post('subject-requests/:id/correction')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Correct, add or delete items of the confirmed persons; each change is published as the contact’s new state' })
  async correct(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CorrectionDto): Promise<SubjectRequest> {
    await this.requests.act(principal, id, 'CORRECTED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.correctWithin(manager, principal, contactId, { ...dto.changes, version: null });
      return { result: null, detail: { contactIds, items: Object.keys(dto.changes) } };
    });
    return this.requests.get(id);
  }

  @Post('subject-requests/:id/suspension')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Suspend joint use of the confirmed persons: sharing refuses reads and withdraws them from every company that had them' })
  async suspend(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    await this.requests.act(principal, id, 'SUSPENDED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.setJointUse(manager, contactId, 'SUSPENDED');
      return { result: null, detail: { contactIds } };
    });
    return this.requests.get(id);
  }

  @Delete('subject-requests/:id/suspension')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Lift the suspension: the persons are delivered again to the companies eligible now' })
  async lift(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SubjectRequest> {
    await this.requests.act(principal, id, 'SUSPENSION_LIFTED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.setJointUse(manager, contactId, 'ACTIVE');
      return { result: null, detail: { contactIds } };
    });
    return this.requests.get(id);
  }

  @Post('subject-requests/:id/erasure')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Erase the confirmed persons from contacts and sharing and every company’s topic (tombstones); optionally keep them on the suppression list',
  })
  async erase(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ErasureDto): Promise<SubjectRequest> {
    await this.requests.act(principal, id, 'ERASED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.erase(manager, contactId, dto.doNotContactAgain ? id : null);
      await this.requests.forgetIdentification(manager, id);
      return { result: null, detail: { contactIds, doNotContactAgain: dto.doNotContactAgain } };
    });
    return this.requests.get(id);
  }

  @Post('subject-requests/:id/closure')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Close the request, saying how it was answered' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CloseRequestDto): Promise<SubjectRequest> {
    return this.requests.close(principal, id, dto.outcome);
  }

  @Put('contacts/:id/joint-use')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Set a person’s joint-use status: ACTIVE releases one held out of joint use' })
  async setJointUse(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: JointUseDto): Promise<{ contactId: string; jointUse: string; version: number }> {
    const contact = await this.dataSource.transaction((manager) => this.contacts.setJointUse(manager, id, dto.status));
    return { contactId: contact.id, jointUse: contact.jointUse, version: contact.version };
  }

  @Get('desk-alerts')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Requests open too long, and people on the suppression list who registered again' })
  async deskAlerts(@Query() query: DeskAlertsQuery): Promise<DeskAlert[]> {
    await this.requests.raiseOverdueAlerts();
    return this.alerts.list(query.status);
  }

  @Post('desk-alerts/:id/acknowledgement')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Acknowledge a desk alert, with an optional note' })
  async acknowledge(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcknowledgeDto): Promise<DeskAlert> {
    return this.alerts.acknowledge(id, principal.subject, dto.note ?? null);
  }
}
