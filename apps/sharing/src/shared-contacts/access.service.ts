import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { AccessRecordedEvent, Topics, type AccessOperation, type DenialReason, type JointUsePurpose } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { decideAccess, JOINT_USE_NOTICE, suppressSmallCells, type AccessDecision, type GroupCompanyFacts, type PublishedTable } from '@registry/policy';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import type { SearchSharedContactsQuery, StatisticsQuery } from './dto/shared-contact-queries';
import { AccessDeniedException } from './sharing.exception';

export const STATISTICS_MIN_CELL = Symbol('STATISTICS_MIN_CELL');

export interface Granted<T> {
  value: T;
  purpose: JointUsePurpose;
  accessId: string;
}

type Evaluation<T> = { outcome: 'GRANTED'; value: T; contactIds: string[] } | { outcome: 'DENIED'; reason: DenialReason; contactIds: string[] };

interface AccessContext {
  manager: EntityManager;
  /** The joint-use rule for this request, at this moment; the caller says whether a single contact is suspended. */
  decide(contactSuspended: boolean | null): AccessDecision;
}

const STATISTICS_DIMENSIONS: Record<StatisticsQuery['by'], string> = {
  acquisitionMethod: `acquisition_method`,
  prefecture: `coalesce(address->>'prefecture', '(none)')`,
  organization: `organization_name`,
  month: `to_char(acquired_on, 'YYYY-MM')`,
};

@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STATISTICS_MIN_CELL) private readonly minCell: number,
  ) {}

  /** A group company's read of one contact. */
  readContact(principal: Principal, contactId: string, purpose: string | undefined): Promise<Granted<SharedContactEntity>> {
    return this.recorded(principal, purpose, 'READ_CONTACT', async ({ manager, decide }) => {
      const contact = await manager.findOneBy(SharedContactEntity, { contactId });
      const decision = decide(contact ? contact.suspended : null);
      // The id asked for is recorded even when no such contact exists, so that a probe can be found by it.
      const contactIds = [contactId];
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds };
      if (!contact) return { outcome: 'DENIED', reason: 'CONTACT_NOT_FOUND', contactIds };
      return { outcome: 'GRANTED', value: contact, contactIds };
    });
  }

  /** A group company's search; suspended contacts are never found, and every contact returned is named in the record. */
  search(principal: Principal, query: SearchSharedContactsQuery): Promise<Granted<{ contacts: SharedContactEntity[]; nextCursor: string | null }>> {
    return this.recorded(principal, query.purpose, 'SEARCH_CONTACTS', async ({ manager, decide }) => {
      const decision = decide(null);
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds: [] };
      const builder = manager
        .getRepository(SharedContactEntity)
        .createQueryBuilder('s')
        .where('NOT s.suspended')
        .orderBy('s.contact_id', 'ASC')
        .limit(query.limit + 1);
      if (query.organization) {
        builder.andWhere(`lower(normalize(s.organization_name, NFKC)) LIKE :organization`, {
          organization: `%${query.organization.normalize('NFKC').toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
        });
      }
      if (query.prefecture) builder.andWhere(`s.address->>'prefecture' = :prefecture`, { prefecture: query.prefecture });
      if (query.cursor) builder.andWhere('s.contact_id > :cursor', { cursor: query.cursor });
      const rows = await builder.getMany();
      const contacts = rows.slice(0, query.limit);
      const nextCursor = rows.length > query.limit ? (contacts[contacts.length - 1]?.contactId ?? null) : null;
      return { outcome: 'GRANTED', value: { contacts, nextCursor }, contactIds: contacts.map((c) => c.contactId) };
    });
  }

  /** Aggregate counts for the STATISTICS purpose, small cells suppressed; no person is touched. */
  statistics(principal: Principal, query: StatisticsQuery): Promise<Granted<PublishedTable & { by: StatisticsQuery['by'] }>> {
    return this.recorded(principal, query.purpose, 'READ_STATISTICS', async ({ manager, decide }) => {
      const decision = decide(null);
      if (decision.outcome === 'DENIED') return { outcome: 'DENIED', reason: decision.reason, contactIds: [] };
      const dimension = STATISTICS_DIMENSIONS[query.by];
      const rows: { key: string; count: number }[] = await manager.query(
        `SELECT ${dimension} AS key, count(*)::int AS count FROM shared_contacts WHERE NOT suspended GROUP BY 1 ORDER BY 1`,
      );
      return { outcome: 'GRANTED', value: { by: query.by, ...suppressSmallCells(rows, this.minCell) }, contactIds: [] };
    });
  }

  /**
   * Evaluates the joint-use rule at this moment and records the access, granted or refused, in the outbox
   * in the same transaction, before any answer leaves. A refusal is thrown only after the record commits.
   */
  private async recorded<T>(
    principal: Principal,
    purpose: string | undefined,
    operation: AccessOperation,
    evaluate: (context: AccessContext) => Promise<Evaluation<T>>,
  ): Promise<Granted<T>> {
    const accessId = randomUUID();
    const evaluation = await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const company: GroupCompanyFacts | null = await manager.findOneBy(GroupCompanyEntity, { code: principal.companyCode });
      const result = await evaluate({ manager, decide: (contactSuspended) => decideAccess({ company, purpose, at: now, contactSuspended, operation }) });
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
        outcome: result.outcome,
        reason: result.outcome === 'DENIED' ? result.reason : null,
        accessedAt: now.toISOString(),
        noticeVersion: JOINT_USE_NOTICE.version,
      };
      await appendToOutbox(manager, { topic: Topics.access, key: accessId, event });
      return result;
    });
    if (evaluation.outcome === 'DENIED') throw new AccessDeniedException(evaluation.reason, accessId);
    // Granted means the rule accepted the declared purpose as a purpose of joint use.
    return { value: evaluation.value, purpose: purpose as JointUsePurpose, accessId };
  }
}
