import { Body, Controller, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@registry/auth';
import { IsBoolean } from 'class-validator';
import { SuspensionService } from './suspension.service';

export class SuspensionDto {
  @ApiProperty({ description: 'true to suspend joint use of the contact, false to resume it' }) @IsBoolean() suspended!: boolean;
}

export class SuspensionResponse {
  @ApiProperty() contactId!: string;
  @ApiProperty() suspended!: boolean;
}

@ApiTags('shared contacts')
@ApiBearerAuth()
@Controller('shared-contacts')
export class SuspensionsController {
  constructor(@Inject(SuspensionService) private readonly suspensions: SuspensionService) {}

  @Put(':id/suspension')
  @RequireRoles('admin')
  @ApiOperation({ operationId: 'setSharedContactSuspension',
    summary: 'Suspend or resume the joint use of a contact',
    description: 'Suspending refuses reads (CONTACT_SUSPENDED) and withdraws the contact from every company that received it; resuming delivers it again.',
  })
  @ApiOkResponse({ type: SuspensionResponse })
  async set(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SuspensionDto): Promise<SuspensionResponse> {
    const contact = await this.suspensions.set(id, dto.suspended);
    return { contactId: contact.contactId, suspended: contact.suspended };
  }
}
