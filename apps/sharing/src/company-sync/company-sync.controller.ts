import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequireRoles } from '@registry/auth';
import { RegistryException, RegistryErrorDto } from '@registry/platform';
import { DataSource } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { CompanySyncJobEntity } from './company-sync-job.entity';
import { CompanySyncJobResponse, CompanySyncResponse } from './dto/company-sync.response';

@ApiTags('group companies')
@ApiBearerAuth()
@Controller('companies')
export class CompanySyncController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':code/sync')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getCompanySyncStatus',
    summary: 'What a company’s topic is being brought in line with: its backfills and withdrawals, with progress',
    description: 'A company that becomes eligible gets every jointly usable contact; one that stops being eligible has every contact it holds withdrawn.',
  })
  @ApiOkResponse({ type: CompanySyncResponse })
  @ApiNotFoundResponse({ type: RegistryErrorDto, description: 'The register has no such company' })
  async status(@Param('code') code: string): Promise<CompanySyncResponse> {
    const company = await this.dataSource.manager.findOneBy(GroupCompanyEntity, { code });
    if (!company) throw new RegistryException('COMPANY_NOT_FOUND', 404, `The group register has no company ${code}`);
    const jobs = await this.dataSource.manager.find(CompanySyncJobEntity, { where: { companyCode: code }, order: { createdAt: 'DESC', id: 'DESC' } });
    return { companyCode: code, eligible: company.eligible, jobs: jobs.map((job) => CompanySyncJobResponse.from(job)) };
  }
}
