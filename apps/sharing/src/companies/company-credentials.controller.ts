import { RegistryErrorDto } from '@registry/platform';
import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { CompanyCodeParam } from './company-code.param';
import { CompanyCredentialsService } from './company-credentials.service';
import { IssuedKafkaCredentialsResponse, KafkaCredentialsStatusResponse } from './dto/kafka-credentials.response';

@ApiTags('group companies')
@ApiBearerAuth()
@ApiParam({ name: 'code', example: 'EVENTS-JP' })
@Controller('companies/:code/kafka-credentials')
export class CompanyCredentialsController {
  constructor(@Inject(CompanyCredentialsService) private readonly credentials: CompanyCredentialsService) {}

  @Post()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'issueKafkaCredentials', summary: 'Issue Kafka credentials to an eligible group company; the password is shown this once' })
  @ApiCreatedResponse({ type: IssuedKafkaCredentialsResponse })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'CREDENTIALS_ALREADY_ISSUED, or COMPANY_NOT_ELIGIBLE' })
  @ApiServiceUnavailableResponse({ type: RegistryErrorDto, description: 'KAFKA_UNAVAILABLE: nothing was changed' })
  async issue(@CurrentPrincipal() principal: Principal, @CompanyCodeParam() code: string): Promise<IssuedKafkaCredentialsResponse> {
    return IssuedKafkaCredentialsResponse.from(await this.credentials.issue(code, principal.subject, false));
  }

  @Post('rotation')
  @RequireRoles('admin')
  @HttpCode(201)
  @ApiOperation({ operationId: 'rotateKafkaCredentials', summary: 'Replace a company’s Kafka password; the old one stops working, the new one is shown this once' })
  @ApiCreatedResponse({ type: IssuedKafkaCredentialsResponse })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'NO_ACTIVE_CREDENTIALS, or COMPANY_NOT_ELIGIBLE' })
  @ApiServiceUnavailableResponse({ type: RegistryErrorDto, description: 'KAFKA_UNAVAILABLE: nothing was changed' })
  async rotate(@CurrentPrincipal() principal: Principal, @CompanyCodeParam() code: string): Promise<IssuedKafkaCredentialsResponse> {
    return IssuedKafkaCredentialsResponse.from(await this.credentials.issue(code, principal.subject, true));
  }

  @Delete()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'revokeKafkaCredentials', summary: 'Revoke a company’s Kafka credentials and ACLs: its next request to the broker is refused' })
  @ApiOkResponse({ type: KafkaCredentialsStatusResponse })
  @ApiConflictResponse({ type: RegistryErrorDto, description: 'NO_ACTIVE_CREDENTIALS' })
  @ApiServiceUnavailableResponse({ type: RegistryErrorDto, description: 'KAFKA_UNAVAILABLE: nothing was changed' })
  async revoke(@CurrentPrincipal() principal: Principal, @CompanyCodeParam() code: string): Promise<KafkaCredentialsStatusResponse> {
    return KafkaCredentialsStatusResponse.from(await this.credentials.revoke(code, principal.subject));
  }

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'getKafkaCredentialsStatus', summary: 'Whether a company holds Kafka credentials, and whether the broker grants it its topic now' })
  @ApiOkResponse({ type: KafkaCredentialsStatusResponse })
  async status(@CompanyCodeParam() code: string): Promise<KafkaCredentialsStatusResponse> {
    return KafkaCredentialsStatusResponse.from(await this.credentials.status(code));
  }
}
