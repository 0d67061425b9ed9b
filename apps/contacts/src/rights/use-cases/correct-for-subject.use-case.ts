import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { ContactsService } from '../../contacts/contacts.service';
import type { CorrectionChanges } from '../dto/subject-request.dto';
import { SubjectRequestsService, type SubjectRequest } from '../subject-requests.service';

/** Corrects the confirmed persons' items at their request; the privacy office's correction holds for every company's view. */
@Injectable()
export class CorrectForSubjectUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(principal: Principal, requestId: string, changes: CorrectionChanges): Promise<SubjectRequest> {
    await this.requests.act(principal, requestId, 'CORRECTED', async (manager, contactIds) => {
      for (const contactId of contactIds) await this.contacts.correctWithin(manager, principal, contactId, { ...changes, version: null });
      return { result: null, detail: { contactIds, items: Object.keys(changes) } };
    });
    return this.requests.get(requestId);
  }
}
