import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JointUseStatus } from '@registry/contracts';
import { DataSource } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service';

/** Sets one person's joint-use status directly, e.g. releases a person held out of joint use after a desk alert. */
@Injectable()
export class SetJointUseUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(contactId: string, status: JointUseStatus): Promise<{ contactId: string; jointUse: JointUseStatus; version: number }> {
    const contact = await this.dataSource.transaction((manager) => this.contacts.setJointUse(manager, contactId, status));
    return { contactId: contact.id, jointUse: contact.jointUse, version: contact.version };
  }
}
