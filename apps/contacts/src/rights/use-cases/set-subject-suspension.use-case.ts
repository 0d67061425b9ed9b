import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { ContactsService } from '../../contacts/contacts.service';
import { SubjectRequestsService, type SubjectRequest } from '../subject-requests.service';

/** Suspends the confirmed persons' joint use at their request, or lifts the suspension. */
@Injectable()
export class SetSubjectSuspensionUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(principal: Principal, requestId: string, suspended: boolean): Promise<SubjectRequest> {
    await this.requests.act(principal, requestId, suspended ? 'SUSPENDED' : 'SUSPENSION_LIFTED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.setJointUse(manager, contactId, suspended ? 'SUSPENDED' : 'ACTIVE');
      return { result: null, detail: { contactIds } };
    });
    return this.requests.get(requestId);
  }
}
