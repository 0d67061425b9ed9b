import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HeldReason, JointUseStatus } from '@registry/contracts';
import { DataSource } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service';
import { heldReasonOut } from '../../contacts/dto/contact.response';

/**
 * Sets one person's joint-use status directly, e.g. releases a person held out of joint use after a desk alert. A
 * person never told of joint use stays held for that reason: their consent is recorded instead.
 */
@Injectable()
export class SetJointUseUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(
    contactId: string,
    status: JointUseStatus,
  ): Promise<{ contactId: string; jointUse: JointUseStatus; heldReason: HeldReason | null; heldExplanation: string | null; version: number }> {
    const contact = await this.dataSource.transaction((manager) => this.contacts.setJointUse(manager, contactId, status));
    return { contactId: contact.id, jointUse: contact.jointUse, ...heldReasonOut(contact.jointUse, contact.heldReason), version: contact.version };
  }
}
