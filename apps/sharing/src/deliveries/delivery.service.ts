import { Inject, Injectable } from '@nestjs/common';
import {
  companyTopic,
  JOINT_USE_PURPOSES,
  ProvisionRecordedEvent,
  SharedContactEvent,
  Topics,
  type ProvisionKind,
} from '@registry/contracts';
import { appendAllToOutbox, type OutboxMessage } from '@registry/kafka';
import { companyEligibility, NoticeRevisions, projectSharedItems, scopeReaches, type JointUseScope } from '@registry/policy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { lockRegisterForDeliveries } from '../companies/register-lock';
import type { SharedContactEntity } from '../projection/shared-contact.entity';

/** What a withdrawal names: the contact, the version the company was given, and the notice revision covering the person (null: the first). */
export interface HeldContact {
  contactId: string;
  version: number;
  noticeVersion: string | null;
}

/**
 * Whether contacts go to a company now: the rule says so today, and the last eligibility change recorded for it
 * (EligibilityTransitions) agrees. A company that became eligible by date alone waits for its backfill; one that
 * stopped by date alone receives nothing more. Null (not yet decided) follows the rule.
 */
export function receivesContacts(company: GroupCompanyEntity, at: Date, revisions?: NoticeRevisions): boolean {
  return company.eligible !== false && companyEligibility(company, at, revisions?.inForce(at).notice) === null;
}

/** A delivery or a withdrawal to write for one company. */
interface Change {
  companyCode: string;
  kind: ProvisionKind;
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
 *
 * What goes where follows the person's scope (JointUseScope): the items, and the companies reached, of both the
 * revision in force and the revision that covers the person; so an item or a joint user added by a later revision
 * reaches only persons acquired under it, or who consented to it.
 */
@Injectable()
export class DeliveryService {
  constructor(@Inject(NoticeRevisions) private readonly revisions: NoticeRevisions) {}

  async afterContactChange(manager: EntityManager, contact: SharedContactEntity): Promise<void> {
    await lockRegisterForDeliveries(manager);
    const now = new Date();
    const scope = this.revisions.scopeFor(contact.noticeVersion, now);
    const companies = await manager.find(GroupCompanyEntity, { order: { code: 'ASC' } });
    const rows: DeliveryRow[] = await manager.query(
      `SELECT company_code, version, state FROM deliveries WHERE contact_id = $1 ORDER BY company_code FOR UPDATE`,
      [contact.contactId],
    );
    const delivered = new Map(rows.map((row) => [row.company_code, row]));

    const changes: Change[] = [];
    for (const company of companies) {
      const previous = delivered.get(company.code);
      if (contact.suspended) {
        // A withdrawal only asks for deletion, so it goes to every company that holds a copy, eligible or not.
        if (previous?.state === 'DELIVERED') changes.push({ companyCode: company.code, kind: 'WITHDRAWN' });
      } else if (receivesContacts(company, now, this.revisions)) {
        if (!scopeReaches(scope, company)) {
          // Out of this person's scope (a joint user the covering revision does not name): a copy once given goes.
          if (previous?.state === 'DELIVERED') changes.push({ companyCode: company.code, kind: 'WITHDRAWN' });
        } else if (!(previous?.state === 'DELIVERED' && previous.version >= contact.version)) {
          changes.push({ companyCode: company.code, kind: 'DELIVERED' });
        }
      }
    }
    await this.write(manager, contact, changes, now);
  }

  /** Withdraws a contact from every company that holds a copy, eligible or not (an erasure). */
  async withdrawEverywhere(manager: EntityManager, contact: SharedContactEntity): Promise<void> {
    const now = new Date();
    const rows: DeliveryRow[] = await manager.query(
      `SELECT company_code, version, state FROM deliveries WHERE contact_id = $1 ORDER BY company_code FOR UPDATE`,
      [contact.contactId],
    );
    const changes = rows.filter((row) => row.state === 'DELIVERED').map((row): Change => ({ companyCode: row.company_code, kind: 'WITHDRAWN' }));
    await this.write(manager, contact, changes, now);
  }

  /**
   * Delivers one contact to one company that lacks this version, if the person's scope reaches the company;
   * returns whether it did. The caller has checked that the company receives contacts.
   */
  async deliver(manager: EntityManager, company: GroupCompanyEntity, contact: SharedContactEntity, at: Date): Promise<boolean> {
    const scope = this.revisions.scopeFor(contact.noticeVersion, at);
    if (!scopeReaches(scope, company)) return false;
    await this.write(manager, contact, [{ companyCode: company.code, kind: 'DELIVERED' }], at);
    return true;
  }

  /** Withdraws one contact from one company that holds it. */
  async withdraw(manager: EntityManager, companyCode: string, contact: HeldContact, at: Date): Promise<void> {
    await this.write(manager, contact, [{ companyCode, kind: 'WITHDRAWN' }], at);
  }

  /**
   * Writes one contact's deliveries and withdrawals, in company order: one multi-row statement for the deliveries
   * rows and one for the outbox, whose rows keep the order of one-by-one writes (for each company, its topic's
   * message, then the provision record), so every topic sees the same sequence as before.
   */
  private async write(manager: EntityManager, contact: SharedContactEntity | HeldContact, changes: readonly Change[], at: Date): Promise<void> {
    if (changes.length === 0) return;
    const scope = this.revisions.scopeFor(contact.noticeVersion, at);
    const sharedItems = changes.some((change) => change.kind === 'DELIVERED') ? this.sharedItems(contact as SharedContactEntity, scope) : null;
    const purposes = JOINT_USE_PURPOSES.filter((purpose) => scope.inForce.notice.purposes.some((stated) => stated.code === purpose));
    const messages: OutboxMessage[] = [];
    for (const { companyCode, kind } of changes) {
      const event: SharedContactEvent | null =
        kind === 'DELIVERED'
          ? {
              eventId: randomUUID(),
              occurredAt: at.toISOString(),
              schemaVersion: SharedContactEvent.currentSchemaVersion,
              eventType: 'SharedContactUpserted',
              contactId: contact.contactId,
              version: contact.version,
              items: sharedItems as SharedContactEvent['items'],
            }
          : null;
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
        purposes,
        providedAt: at.toISOString(),
        noticeVersion: scope.inForce.version,
        acquisitionNoticeVersion: scope.covering.version,
      };
      messages.push({ topic: companyTopic(companyCode), key: contact.contactId, event }, { topic: Topics.provision, key: contact.contactId, event: provision });
    }
    await manager.query(
      `INSERT INTO deliveries (company_code, contact_id, version, state, updated_at)
       SELECT company_code, $2::uuid, $3::integer, state, $4::timestamptz FROM unnest($1::text[], $5::text[]) AS change(company_code, state)
       ON CONFLICT (contact_id, company_code) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [changes.map((change) => change.companyCode), contact.contactId, contact.version, at, changes.map((change) => change.kind)],
    );
    await appendAllToOutbox(manager, messages);
  }

  /** The items of a contact that its person's scope shares. */
  private sharedItems(contact: SharedContactEntity, scope: JointUseScope): SharedContactEvent['items'] {
    return projectSharedItems({
      name: contact.nameKana ? { full: contact.nameFull, kana: contact.nameKana } : { full: contact.nameFull },
      organizationName: contact.organizationName,
      address: contact.address ?? undefined,
      department: contact.department ?? undefined,
      title: contact.title ?? undefined,
      email: contact.email ?? undefined,
      phone: contact.phone ?? undefined,
      fax: contact.fax ?? undefined,
      transactionHistory: contact.transactionHistory,
    }, scope.items);
  }
}
