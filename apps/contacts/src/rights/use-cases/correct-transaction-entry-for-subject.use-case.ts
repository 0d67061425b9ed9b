import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@registry/auth';
import type { TransactionEntryChange } from '../../contacts/contact-items';
import { ContactsService } from '../../contacts/contacts.service';
import type { TransactionEntryCorrectionDto } from '../dto/transaction-entry-correction.dto';
import { SubjectRequestsService, type SubjectRequest } from '../subject-requests.service';

/**
 * Corrects or deletes one transaction history entry of a confirmed person at their request for correction; the
 * privacy office's change holds for every company's view and is published as the person's new state.
 */
@Injectable()
export class CorrectTransactionEntryForSubjectUseCase {
  constructor(
    @Inject(SubjectRequestsService) private readonly requests: SubjectRequestsService,
    @Inject(ContactsService) private readonly contacts: ContactsService,
  ) {}

  async correct(principal: Principal, requestId: string, entryId: string, dto: TransactionEntryCorrectionDto): Promise<SubjectRequest> {
    const change: TransactionEntryChange = {
      id: entryId,
      ...(dto.occurredOn !== undefined ? { occurredOn: dto.occurredOn } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
    };
    return this.apply(principal, requestId, change, 'CORRECTED', Object.keys(dto).filter((field) => field === 'occurredOn' || field === 'description'));
  }

  async delete(principal: Principal, requestId: string, entryId: string): Promise<SubjectRequest> {
    return this.apply(principal, requestId, { id: entryId, deleted: true }, 'DELETED', []);
  }

  private async apply(principal: Principal, requestId: string, change: TransactionEntryChange, kind: 'CORRECTED' | 'DELETED', fields: string[]): Promise<SubjectRequest> {
    await this.requests.act(principal, requestId, 'CORRECTED', async (manager, contactIds) => {
      const contact = await this.contacts.changeTransactionEntry(manager, principal, contactIds, change);
      // The timeline names the entry and what changed, never the values.
      return { result: null, detail: { contactIds: [contact.id], items: ['transactionHistory'], transactionEntry: { id: change.id, change: kind, fields } } };
    });
    return this.requests.get(requestId);
  }
}
