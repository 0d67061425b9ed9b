import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { ContactsService } from '../../contacts/contacts.service';
import { SubjectRequestsService, type SubjectRequest } from '../subject-requests.service';

/** Erases the confirmed persons everywhere; optionally keeps them on the suppression list for this request. */
@Injectable()
export class EraseForSubjectUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(principal: Principal, requestId: string, doNotContactAgain: boolean): Promise<SubjectRequest> {
    await this.requests.act(principal, requestId, 'ERASED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.erase(manager, contactId, doNotContactAgain ? requestId : null);
      await this.requests.forgetIdentification(manager, requestId);
      return { result: null, detail: { contactIds, doNotContactAgain } };
    });
    return this.requests.get(requestId);
  }
}
