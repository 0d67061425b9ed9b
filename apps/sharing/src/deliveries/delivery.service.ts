import { Injectable } from '@nestjs/common';
import {
  companyTopic,
  JOINT_USE_PURPOSES,
  ProvisionRecordedEvent,
  SharedContactEvent,
  Topics,
  type ProvisionKind,
} from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { companyEligibility, JOINT_USE_NOTICE, projectSharedItems } from '@registry/policy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { lockRegisterForDeliveries } from '../companies/register-lock';
import type { SharedContactEntity } from '../projection/shared-contact.entity';

/** What a withdrawal names: the contact and the version the company was given. */
export interface HeldContact {
  contactId: string;
  version: number;
}

/**
 * Whether contacts go to a company now: the rule says so today, and the last eligibility change recorded for it
 * (EligibilityTransitions) agrees. A company that became eligible by date alone waits for its backfill; one that
 * stopped by date alone receives nothing more. Null (not yet decided) follows the rule.
 */
export function receivesContacts(company: GroupCompanyEntity, at: Date): boolean {
  return company.eligible !== false && companyEligibility(company, at) === null;
}

interface DeliveryRow {
  company_code: string;
  version: number;
  state: 'DELIVERED' | 'WITHDRAWN';
}

/**
 * Delivers a contact's shared state to each eligible group company on its own topic, and withdraws it
 * (a tombstone) from every company that had it once the contact is suspended. Each delivery and withdrawal
 * is recorded as a provision for audit, in the caller's transaction. The caller holds the contact's row lock;
 * the deliveries rows are locked in company order, as backfills and withdrawals lock them in contact order.
 */
@Injectable()
export class DeliveryService {
  async afterContactChange(manager: EntityManager, contact: SharedContactEntity): Promise<void> {
    await lockRegisterForDeliveries(manager);
    const now = new Date();
    const companies = await manager.find(GroupCompanyEntity, { order: { code: 'ASC' } });
    const rows: DeliveryRow[] = await manager.query(
      `SELECT company_code, version, state FROM deliveries WHERE contact_id = $1 ORDER BY company_code FOR UPDATE`,
      [contact.contactId],
    );
    const delivered = new Map(rows.map((row) => [row.company_code, row]));

    for (const company of companies) {
      const previous = delivered.get(company.code);
      if (contact.suspended) {
        // A withdrawal only asks for deletion, so it goes to every company that holds a copy, eligible or not.
        if (previous?.state === 'DELIVERED') await this.withdraw(manager, company.code, contact, now);
      } else if (receivesContacts(company, now) && !(previous?.state === 'DELIVERED' && previous.version >= contact.version)) {
        await this.deliver(manager, company.code, contact, now);
      }
    }
  }

  /** Withdraws a contact from every company that holds a copy, eligible or not (an erasure). */
  async withdrawEverywhere(manager: EntityManager, contact: SharedContactEntity): Promise<void> {
    const now = new Date();
    const rows: DeliveryRow[] = await manager.query(
      `SELECT company_code, version, state FROM deliveries WHERE contact_id = $1 ORDER BY company_code FOR UPDATE`,
      [contact.contactId],
    );
    for (const row of rows) if (row.state === 'DELIVERED') await this.withdraw(manager, row.company_code, contact, now);
  }

  /** Delivers one contact to one company; the caller has checked that the company lacks this version. */
  async deliver(manager: EntityManager, companyCode: string, contact: SharedContactEntity, at: Date): Promise<void> {
    const event: SharedContactEvent = {
      eventId: randomUUID(),
      occurredAt: at.toISOString(),
      schemaVersion: SharedContactEvent.currentSchemaVersion,
      eventType: 'SharedContactUpserted',
      contactId: contact.contactId,
      version: contact.version,
      items: projectSharedItems({
        name: contact.nameKana ? { full: contact.nameFull, kana: contact.nameKana } : { full: contact.nameFull },
        organizationName: contact.organizationName,
        address: contact.address ?? undefined,
        department: contact.department ?? undefined,
        title: contact.title ?? undefined,
        email: contact.email ?? undefined,
        phone: contact.phone ?? undefined,
        fax: contact.fax ?? undefined,
        transactionHistory: contact.transactionHistory,
      }),
    };
    await appendToOutbox(manager, { topic: companyTopic(companyCode), key: contact.contactId, event });
    await this.record(manager, companyCode, contact, 'DELIVERED', at);
  }

  /** Withdraws one contact from one company that holds it. */
  async withdraw(manager: EntityManager, companyCode: string, contact: HeldContact, at: Date): Promise<void> {
    await appendToOutbox(manager, { topic: companyTopic(companyCode), key: contact.contactId, event: null });
    await this.record(manager, companyCode, contact, 'WITHDRAWN', at);
  }

  private async record(manager: EntityManager, companyCode: string, contact: HeldContact, kind: ProvisionKind, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO deliveries (company_code, contact_id, version, state, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contact_id, company_code) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [companyCode, contact.contactId, contact.version, kind, at],
    );
    const provision: ProvisionRecordedEvent = {
      eventId: randomUUID(),
      occurredAt: at.toISOString(),
      schemaVersion: ProvisionRecordedEvent.currentSchemaVersion,
      eventType: 'ProvisionRecorded',
      provisionId: randomUUID(),
      companyCode,
      contactId: contact.contactId,
      version: contact.version,
      kind,
      purposes: [...JOINT_USE_PURPOSES],
      providedAt: at.toISOString(),
      noticeVersion: JOINT_USE_NOTICE.version,
    };
    await appendToOutbox(manager, { topic: Topics.provision, key: contact.contactId, event: provision });
  }
}
