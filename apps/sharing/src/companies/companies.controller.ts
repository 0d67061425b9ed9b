import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { COMPANY_CODE_PATTERN } from '@registry/contracts';
import { RegistryException } from '@registry/platform';
import { CompaniesService } from './companies.service';
import { CompanyChangeResponse, CompanyResponse, PutCompanyDto } from './dto/put-company.dto';

@ApiTags('group companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(@Inject(CompaniesService) private readonly companies: CompaniesService) {}

  @Put(':code')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'putGroupCompany', summary: 'Create or change a group company in the register' })
  @ApiOkResponse({ type: CompanyResponse })
  async put(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() dto: PutCompanyDto): Promise<CompanyResponse> {
    if (!COMPANY_CODE_PATTERN.test(code)) {
      throw new RegistryException('VALIDATION_FAILED', 400, 'The company code is invalid', [
        { field: 'code', rule: 'matches', message: 'code must be 2-32 upper-case letters, digits or hyphens' },
      ]);
    }
    return CompanyResponse.from(await this.companies.put(principal.subject, code, dto));
  }

  @Get(':code/history')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getGroupCompanyHistory', summary: 'Every change to one register entry: who, when, before and after' })
  @ApiOkResponse({ type: [CompanyChangeResponse] })
  async history(@Param('code') code: string): Promise<CompanyChangeResponse[]> {
    const changes = await this.companies.history(code);
    if (changes.length === 0) throw new RegistryException('COMPANY_NOT_FOUND', 404, `The group register has no company ${code}`);
    return changes.map((change) => CompanyChangeResponse.from(change));
  }

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listGroupCompanies', summary: 'The group company register' })
  @ApiOkResponse({ type: [CompanyResponse] })
  async list(): Promise<CompanyResponse[]> {
    return (await this.companies.list()).map((company) => CompanyResponse.from(company));
  }
}
