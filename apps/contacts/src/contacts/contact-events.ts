import { randomUUID } from 'node:crypto';
import { ContactStateEvent, type ContactEventType } from '@registry/contracts';
import { projectSharedItems } from '@registry/policy';
import type { AcquisitionEntity } from './acquisition.entity';
import type { ContactEntity } from './contact.entity';

/**
 * The contact's whole current shared state: allowed items only, by way of the policy's projection,
 * with the facts of its first acquisition (method, date, company; never the staff member or notes), the notice
 * revision that covers the person's joint use and, when they are held out of it, why.
 */
export function contactStateEvent(
  contact: ContactEntity,
  firstAcquisition: AcquisitionEntity,
  eventType: ContactEventType,
  occurredAt: Date,
  noticeVersion: string,
): ContactStateEvent {
  return {
    eventId: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    schemaVersion: ContactStateEvent.currentSchemaVersion,
    eventType,
    contactId: contact.id,
    version: contact.version,
    jointUse: contact.jointUse,
    noticeVersion,
    ...(contact.jointUse === 'HELD' && contact.heldReason ? { heldReason: contact.heldReason } : {}),
    acquisition: { method: firstAcquisition.method, acquiredOn: firstAcquisition.acquiredOn, companyCode: firstAcquisition.companyCode },
    items: projectSharedItems({
      ...contact,
      name: contact.nameKana ? { full: contact.nameFull, kana: contact.nameKana } : { full: contact.nameFull },
      address:
        contact.postalCode && contact.prefecture && contact.city
          ? { postalCode: contact.postalCode, prefecture: contact.prefecture, city: contact.city, ...(contact.street ? { street: contact.street } : {}) }
          : undefined,
      department: contact.department ?? undefined,
      title: contact.title ?? undefined,
      email: contact.email ?? undefined,
      phone: contact.phone ?? undefined,
      fax: contact.fax ?? undefined,
      // Entry ids are contacts' own, for corrections: never shared.
      transactionHistory: contact.transactionHistory.map(({ occurredOn, description, companyCode }) => ({ occurredOn, description, companyCode })),
    }),
  };
}
