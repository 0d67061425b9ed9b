import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import { ContactsService } from '../../contacts/contacts.service';
import { RetentionProposalsService, type RetentionProposal } from '../retention-proposals.service';

/**
 * Confirms a retention proposal: the person is erased the way an erasure request erases them (contacts, sharing,
 * every company's topic and the contact topic by tombstones). No suppression: the person did not ask not to be contacted.
 */
@Injectable()
export class EraseForRetentionUseCase {
  constructor(
    @Inject(RetentionProposalsService) private readonly proposals: RetentionProposalsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async execute(principal: Principal, proposalId: string): Promise<RetentionProposal> {
    return this.proposals.confirm(principal, proposalId, (manager, contactId) => this.contacts.erase(manager, contactId, null));
  }
}
