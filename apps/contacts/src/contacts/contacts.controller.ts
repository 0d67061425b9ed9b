import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@registry/auth';
import { ContactsService } from './contacts.service';
import { ContactResponse } from './dto/contact.response';
import { RegisterContactDto } from './dto/register-contact.dto';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(@Inject(ContactsService) private readonly contacts: ContactsService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'Register a contact acquired by the caller’s company' })
  @ApiCreatedResponse({ type: ContactResponse })
  async register(@CurrentPrincipal() principal: Principal, @Body() dto: RegisterContactDto): Promise<ContactResponse> {
    return ContactResponse.from(await this.contacts.register(principal, dto));
  }

  @Get(':id')
  @RequireRoles('sales', 'admin')
  @ApiOperation({ summary: 'A contact acquired by the caller’s company (any contact for the administrator)' })
  @ApiOkResponse({ type: ContactResponse })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ContactResponse> {
    return ContactResponse.from(await this.contacts.get(principal, id));
  }
}
