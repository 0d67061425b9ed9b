import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { AccessService } from './access.service';
import { PurposeQuery } from './dto/purpose.query';
import { SharedContactResponse } from './dto/shared-contact.response';

@ApiTags('shared contacts')
@ApiBearerAuth()
@Controller('shared-contacts')
export class SharedContactsController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  @Get(':id')
  @RequireRoles('company')
  @ApiOperation({
    summary: 'Read one jointly used contact for a declared purpose',
    description:
      'Allowed only to active group companies located in Japan, for a purpose of joint use. Every call, granted or refused, is recorded for audit before the answer is sent.',
  })
  @ApiOkResponse({ type: SharedContactResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PurposeQuery,
  ): Promise<SharedContactResponse> {
    const read = await this.access.readContact(principal, id, query.purpose);
    return SharedContactResponse.from(read.contact, read.purpose, read.accessId);
  }
}
