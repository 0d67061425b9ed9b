import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { AccessRecordedEvent, Topics, type DenialReason, type JointUsePurpose } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { decideAccess } from '@registry/policy';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import { AccessDeniedException } from './sharing.exception';

export interface GrantedRead {
  contact: SharedContactEntity;
  purpose: JointUsePurpose;
  accessId: string;
}

type ReadOutcome = { granted: true; read: GrantedRead } | { granted: false; reason: DenialReason };

@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A group company's read of one contact. The rule is evaluated at this moment, and the access record
   * (granted or refused) commits to the outbox in the same transaction before any answer leaves.
   */
  async readContact(principal: Principal, contactId: string, purpose: string | undefined): Promise<GrantedRead> {
    const accessId = randomUUID();
    const outcome = await this.dataSource.transaction(async (manager): Promise<ReadOutcome> => {
      const now = new Date();
      const company = await manager.findOneBy(GroupCompanyEntity, { code: principal.companyCode });
      const contact = await manager.findOneBy(SharedContactEntity, { contactId });
      const decision = decideAccess({ company, purpose, at: now, contactSuspended: contact ? contact.suspended : null });
      const result: ReadOutcome =
        decision.outcome === 'DENIED'
          ? { granted: false, reason: decision.reason }
          : contact
            ? { granted: true, read: { contact, purpose: decision.purpose, accessId } }
            : { granted: false, reason: 'CONTACT_NOT_FOUND' };
      await this.record(manager, { accessId, principal, purpose, contactIds: contact ? [contactId] : [], reason: result.granted ? null : result.reason, at: now });
      return result;
    });
    if (!outcome.granted) throw new AccessDeniedException(outcome.reason, accessId);
    return outcome.read;
  }

  private async record(
    manager: EntityManager,
    access: { accessId: string; principal: Principal; purpose: string | undefined; contactIds: string[]; reason: DenialReason | null; at: Date },
  ): Promise<void> {
    const event: AccessRecordedEvent = {
      eventId: randomUUID(),
      occurredAt: access.at.toISOString(),
      schemaVersion: AccessRecordedEvent.currentSchemaVersion,
      eventType: 'AccessRecorded',
      accessId: access.accessId,
      companyCode: access.principal.companyCode,
      requestedBy: access.principal.subject,
      operation: 'READ_CONTACT',
      purpose: access.purpose ?? null,
      contactIds: access.contactIds,
      outcome: access.reason === null ? 'GRANTED' : 'DENIED',
      reason: access.reason,
      accessedAt: access.at.toISOString(),
    };
    await appendToOutbox(manager, { topic: Topics.access, key: access.accessId, event });
  }
}
