import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { ALERT_RULES } from '@registry/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALERT_STATUSES, AlertsService, type Alert, type AlertStatus } from './alerts.service';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn(ALERT_STATUSES) status?: AlertStatus;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^[\w-]{1,200}$/) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
}

export class AcknowledgeAlertRequest {
  @ApiPropertyOptional({ description: 'What was found or done', maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class AlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ALERT_RULES }) rule!: string;
  @ApiProperty({ description: 'The company concerned; for CHAIN_BROKEN, the chain' }) companyCode!: string;
  @ApiProperty() detail!: string;
  @ApiProperty() occurrences!: number;
  @ApiProperty() raisedAt!: string;
  @ApiProperty() lastSeenAt!: string;
  @ApiPropertyOptional() acknowledgedAt!: string | null;
  @ApiPropertyOptional() acknowledgedBy!: string | null;
  @ApiPropertyOptional() note!: string | null;
}

export class AlertPageResponse {
  @ApiProperty({ type: [AlertResponse] }) alerts!: AlertResponse[];
  @ApiPropertyOptional() nextCursor!: string | null;
}

@ApiTags('audit alerts')
@ApiBearerAuth()
@Controller('audit/alerts')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'listAuditAlerts', summary: 'Alerts, newest first: a company reading too many contacts, repeated refusals, attempts by ineligible companies' })
  async list(@Query() query: ListAlertsQuery): Promise<AlertPageResponse> {
    return this.alerts.list(query.status, query.limit, query.cursor);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'acknowledgeAuditAlert', summary: 'Acknowledge an open alert, with an optional note' })
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AcknowledgeAlertRequest, @CurrentPrincipal() principal: Principal): Promise<Alert> {
    return this.alerts.acknowledge(id, principal.subject, body.note ?? null);
  }
}
