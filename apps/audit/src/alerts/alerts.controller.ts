import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { ALERT_RULES } from '@registry/contracts';
import { ApiRegistryErrors } from '@registry/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALERT_STATUSES, AlertsService, type Alert, type AlertStatus } from './alerts.service';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn(ALERT_STATUSES) status?: AlertStatus;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^[\w-]{1,200}$/) cursor?: string;
  @ApiPropertyOptional({ type: Number, default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
}

export class AcknowledgeAlertRequest {
  @ApiPropertyOptional({ description: 'What was found or done', maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class AlertResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALERT_RULES }) rule!: string;
  @ApiProperty({ description: 'The company concerned; for CHAIN_BROKEN, the chain' }) companyCode!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ type: 'integer', description: 'Occurrences counted on the alert while it was open' }) occurrences!: number;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while the alert is open' }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The administrator who acknowledged it (token subject); null while open' }) acknowledgedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class AlertPageResponse {
  @ApiProperty({ type: [AlertResponse] }) alerts!: AlertResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

@ApiTags('audit alerts')
@ApiBearerAuth()
@Controller('audit/alerts')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listAuditAlerts', summary: 'Alerts, newest first: a company reading too many contacts, repeated refusals, attempts by ineligible companies' })
  @ApiOkResponse({ type: AlertPageResponse })
  async list(@Query() query: ListAlertsQuery): Promise<AlertPageResponse> {
    return this.alerts.list(query.status, query.limit, query.cursor);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'acknowledgeAuditAlert', summary: 'Acknowledge an open alert, with an optional note' })
  @ApiOkResponse({ type: AlertResponse, description: 'The alert as acknowledged' })
  @ApiRegistryErrors({ 404: 'ALERT_NOT_FOUND: no alert has this id', 409: 'ALERT_ALREADY_ACKNOWLEDGED: the alert was acknowledged already (the message says by whom and when)' })
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AcknowledgeAlertRequest, @CurrentPrincipal() principal: Principal): Promise<Alert> {
    return this.alerts.acknowledge(id, principal.subject, body.note ?? null);
  }
}
