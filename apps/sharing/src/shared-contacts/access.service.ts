import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { AccessRecordedEvent, Topics, type AccessOperation, type DenialReason, type JointUsePurpose } from '@registry/contracts';
import { recordInOutbox } from '@registry/kafka';
import {
  decideAccess,
  DEFAULT_MAX_NOISE,
  NoticeRevisions,
  publishTable,
  scopeReaches,
  type AccessDecision,
  type GroupCompanyFacts,
  type PublishedTable,
} from '@registry/policy';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import { keyedCells } from '../statistics/keyed-cells';
import { RecordKeys } from '../statistics/record-keys';
import type { SearchSharedContactsQuery, StatisticsQuery } from './dto/shared-contact-queries';
import { withinScope } from './scoped-contact';
import { AccessDeniedException } from './sharing.exception';

export const STATISTICS_OPTIONS = Symbol('STATISTICS_OPTIONS');

export interface StatisticsOptions {
  statisticsMinCell: number;
}

export interface Granted<T> {
  value: T;
  purpose: JointUsePurpose;
  accessId: string;
}

/** A granted statistics request names no contact, but says how many persons it counted, for the read-rate alert. */
type Evaluation<T> =
  | { outcome: 'GRANTED'; value: T; contactIds: string[]; personsAggregated?: number; covering: (string | null)[] }
  | { outcome: 'DENIED'; reason: DenialReason; contactIds: string[]; covering: (string | null)[] };

interface AccessContext {
  manager: EntityManager;
  /** The joint-use rule for this request, at this moment; the caller says whether a single contact is suspended. */
  decide(contactSuspended: boolean | null): AccessDecision;
  /** The contact as the company may see it, or null when the person's scope does not reach the company. */
  inScope(contact: SharedContactEntity): SharedContactEntity | null;
  /** The notice revision that covers the contact. */
  covering(contact: SharedContactEntity): string;
}

@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STATISTICS_OPTIONS) private readonly statisticsOptions: StatisticsOptions,
    @Inject(NoticeRevisions) private readonly revisions: NoticeRevisions,
    @Inject(RecordKeys) private readonly recordKeys: RecordKeys,
  ) {}

  /** A group company's read of one contact. */
  readContact(principal: Principal, contactId: string, purpose: string | undefined): Promise<Granted<SharedContactEntity>> {
    return this.recorded(principal, purpose, 'READ_CONTACT', async ({ manager, decide, inScope, covering }) => {
      const contact = await manager.findOneBy(SharedContactEntity, { contactId });
      const decision = decide(contact ? contact.suspended : null);
      // The id asked for is recorded even when no such contact exists, so that a probe can be found by it.
      const contactIds = [contactId];
      const versions = [contact ? covering(contact) : null];
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds, covering: versions };
      // A person whose covering revision does not name this company is, to it, not shared at all.
      const visible = contact ? inScope(contact) : null;
      if (!visible) return { outcome: 'DENIED', reason: 'CONTACT_NOT_FOUND', contactIds, covering: versions };
      return { outcome: 'GRANTED', value: visible, contactIds, covering: versions };
    });
  }

  /** A group company's search; suspended contacts are never found, and every contact returned is named in the record. */
  search(principal: Principal, query: SearchSharedContactsQuery): Promise<Granted<{ contacts: SharedContactEntity[]; nextCursor: string | null }>> {
    return this.recorded(principal, query.purpose, 'SEARCH_CONTACTS', async ({ manager, decide, inScope, covering }) => {
      const decision = decide(null);
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds: [], covering: [] };
      const builder = manager
        .getRepository(SharedContactEntity)
        .createQueryBuilder('s')
        .where('NOT s.suspended')
        .orderBy('s.contact_id', 'ASC')
        .limit(query.limit + 1);
      if (query.organization) {
        // The names that match, then their contacts (migration OrganizationNames: a trigram index over names, not contacts).
        builder.andWhere(`lower(normalize(s.organization_name, NFKC)) IN (SELECT name FROM organization_names WHERE name LIKE :organization)`, {
          organization: `%${query.organization.normalize('NFKC').toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
        });
      }
      if (query.prefecture) builder.andWhere(`s.address->>'prefecture' = :prefecture`, { prefecture: query.prefecture });
      if (query.cursor) builder.andWhere('s.contact_id > :cursor', { cursor: query.cursor });
      const rows = await builder.getMany();
      const page = rows.slice(0, query.limit);
      const nextCursor = rows.length > query.limit ? (page[page.length - 1]?.contactId ?? null) : null;
      // Persons outside this company's reach are left out; a page may hold fewer than the limit.
      const found = page.flatMap((contact) => {
        const visible = inScope(contact);
        return visible ? [{ visible, covering: covering(contact) }] : [];
      });
      const contacts = found.map((entry) => entry.visible);
      return { outcome: 'GRANTED', value: { contacts, nextCursor }, contactIds: contacts.map((c) => c.contactId), covering: found.map((entry) => entry.covering) };
    });
  }

  /**
   * Aggregate counts for the STATISTICS purpose by the cell-key method (see publishTable): perturbed counts,
   * suppressed cells counted without their keys, a perturbed total. No person is named in the record, but the
   * number counted is, so that polling statistics counts toward the read-rate alert like reading contacts.
   */
  async statistics(principal: Principal, query: StatisticsQuery): Promise<Granted<PublishedTable & { by: StatisticsQuery['by'] }>> {
    // Statistics sum record keys the database keeps; contacts without one are keyed first (rarely: after a bulk load).
    await this.recordKeys.keyAll();
    return this.recorded(principal, query.purpose, 'READ_STATISTICS', async ({ manager, decide }) => {
      const decision = decide(null);
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds: [], covering: [] };
      const { cells, persons } = await keyedCells(manager, query.by, await this.recordKeys.secret(manager));
      const table = publishTable(cells, { minCell: this.statisticsOptions.statisticsMinCell, maxNoise: DEFAULT_MAX_NOISE });
      return { outcome: 'GRANTED', value: { by: query.by, ...table }, contactIds: [], personsAggregated: persons, covering: [] };
    });
  }

  /**
   * Evaluates the joint-use rule at this moment and records the access, granted or refused, in the outbox before any
   * answer leaves. A refusal is thrown only after the record commits. The reads take no locks and the record is the
   * only write, so no transaction surrounds them (each statement reads the committed state of its moment, as it
   * would inside a read-committed one) and the record commits with its own INSERT: two round trips fewer.
   */
  private async recorded<T>(
    principal: Principal,
    purpose: string | undefined,
    operation: AccessOperation,
    evaluate: (context: AccessContext) => Promise<Evaluation<T>>,
  ): Promise<Granted<T>> {
    const accessId = randomUUID();
    const manager = this.dataSource.manager;
    const now = new Date();
    const company: GroupCompanyFacts | null = await manager.findOneBy(GroupCompanyEntity, { code: principal.companyCode });
    // Purposes and the company's eligibility follow the revision in force now; items and reach, each person's scope.
    const inForce = this.revisions.inForce(now);
    const result = await evaluate({
      manager,
      decide: (contactSuspended) => decideAccess({ company, purpose, at: now, contactSuspended, operation, notice: inForce.notice }),
      inScope: (contact) => {
        const scope = this.revisions.scopeFor(contact.noticeVersion, now);
        return company && scopeReaches(scope, company) ? withinScope(contact, scope.items) : null;
      },
      covering: (contact) => this.revisions.covering(contact.noticeVersion).version,
    });
    const event: AccessRecordedEvent = {
      eventId: randomUUID(),
      occurredAt: now.toISOString(),
      schemaVersion: AccessRecordedEvent.currentSchemaVersion,
      eventType: 'AccessRecorded',
      accessId,
      companyCode: principal.companyCode,
      requestedBy: principal.subject,
      operation,
      purpose: purpose ?? null,
      contactIds: result.contactIds,
      ...(result.outcome === 'GRANTED' && result.personsAggregated !== undefined ? { personsAggregated: result.personsAggregated } : {}),
      outcome: result.outcome,
      reason: result.outcome === 'DENIED' ? result.reason : null,
      accessedAt: now.toISOString(),
      noticeVersion: inForce.version,
      acquisitionNoticeVersions: result.covering,
    };
    await recordInOutbox(manager, { topic: Topics.access, key: accessId, event });
    if (result.outcome === 'DENIED') throw new AccessDeniedException(result.reason, accessId);
    // Granted means the rule accepted the declared purpose as a purpose of joint use.
    return { value: result.value, purpose: purpose as JointUsePurpose, accessId };
  }
}
