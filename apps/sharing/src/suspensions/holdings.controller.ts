import { ApiRegistryErrors } from '@registry/platform';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowServiceScope, DISCLOSURE_READ_SCOPE, RequireRoles } from '@registry/auth';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import { heldItems } from '../shared-contacts/dto/shared-contact.response';
import { HoldingsResponse } from './dto/holdings.response';

export interface Holdings {
  contactId: string;
  version: number;
  items: Record<string, unknown>;
  acquisition: { method: string; acquiredOn: string; companyCode: string };
  suspended: boolean;
  suspendedByAdmin: boolean;
  subjectStatus: string;
  deliveries: { companyCode: string; state: string; version: number; updatedAt: string }[];
}

/** What sharing holds about one person, for the disclosure bundle a data subject asked for. */
@ApiTags('shared contacts')
@ApiBearerAuth()
@Controller('shared-contacts')
export class HoldingsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':id/holdings')
  @RequireRoles('admin')
  @AllowServiceScope(DISCLOSURE_READ_SCOPE)
  @ApiOperation({ operationId: 'getSharedContactHoldings', summary: 'Everything sharing holds about a contact: its items, its suspension state, and each company’s delivery' })
  @ApiOkResponse({ type: HoldingsResponse })
  @ApiRegistryErrors({ 404: 'NOT_FOUND: sharing holds nothing about this contact' })
  async holdings(@Param('id', new ParseUUIDPipe()) contactId: string): Promise<Holdings> {
    const contact = await this.dataSource.manager.findOneBy(SharedContactEntity, { contactId });
    if (!contact) throw new NotFoundException(`Sharing holds nothing about contact ${contactId}`);
    const deliveries = (await this.dataSource.query(`SELECT company_code, state, version, updated_at FROM deliveries WHERE contact_id = $1 ORDER BY company_code`, [contactId])) as {
      company_code: string;
      state: string;
      version: number;
      updated_at: Date;
    }[];
    return {
      contactId,
      version: contact.version,
      items: heldItems(contact),
      acquisition: { method: contact.acquisitionMethod, acquiredOn: contact.acquiredOn, companyCode: contact.acquiringCompanyCode },
      suspended: contact.suspended,
      suspendedByAdmin: contact.suspendedByAdmin,
      subjectStatus: contact.subjectStatus,
      deliveries: deliveries.map((d) => ({ companyCode: d.company_code, state: d.state, version: d.version, updatedAt: d.updated_at.toISOString() })),
    };
  }
}
