import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProvisionRecordedEvent } from '@registry/contracts';
import { DataSource } from 'typeorm';
import { ChainWriter } from '../chain/chain-writer';
import { CHAINS } from '../chain/chains';
import type { SearchProvisionsQuery } from './dto/search-provisions.query';
import { ProvisionRecordEntity } from './provision-record.entity';
import { decodeRecordCursor, encodeRecordCursor, RECORD_START, type RecordPosition } from './record-of-provision-cursor';

/** One page of a person's record of provision: provisions first, then reads, each in the order audit recorded them. */
export interface RecordOfProvisionPage {
  contactId: string;
  /**
   * `noticeVersion`: the joint-use notice each provision or access was decided under; `acquisitionNoticeVersion`: the revision
   * the person was told of joint use under (acquisition or consent), which bounds what was shared and with whom. Null for
   * records from before each was recorded.
   */
  provisions: {
    seq: string;
    companyCode: string;
    kind: string;
    version: number;
    purposes: string[];
    providedAt: string;
    noticeVersion: string | null;
    acquisitionNoticeVersion: string | null;
  }[];
  accesses: {
    seq: string;
    companyCode: string;
    operation: string;
    purpose: string | null;
    outcome: string;
    reason: string | null;
    accessedAt: string;
    requestedBy: string;
    noticeVersion: string | null;
    acquisitionNoticeVersion: string | null;
  }[];
  total: { entries: number; provisions: number; accesses: number };
  nextCursor: string | null;
}

@Injectable()
export class ProvisionRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
  ) {}

  /** Appends a batch of provisions to the chain in one transaction, each event id once. Returns how many were new. */
  async ingest(events: readonly ProvisionRecordedEvent[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const appended = await this.chain.append(
        manager,
        CHAINS.provisions,
        events.map((event) => ({
          event_id: event.eventId,
          provision_id: event.provisionId,
          company_code: event.companyCode,
          contact_id: event.contactId,
          version: event.version,
          kind: event.kind,
          purposes: event.purposes,
          provided_at: event.providedAt,
          // Schema version 1 events were recorded before the notice version was.
          notice_version: event.noticeVersion ?? null,
          // Schema version 3: the revision the person was told of joint use under.
          acquisition_notice_version: event.acquisitionNoticeVersion ?? null,
        })),
      );
      return appended.length;
    });
  }

  /** Newest first; the cursor is the last record's sequence number. */
  async search(query: SearchProvisionsQuery): Promise<{ records: ProvisionRecordEntity[]; nextCursor: string | null }> {
    const builder = this.dataSource.getRepository(ProvisionRecordEntity).createQueryBuilder('p').orderBy('p.seq', 'DESC').limit(query.limit + 1);
    if (query.contactId) builder.andWhere('p.contact_id = :contactId', { contactId: query.contactId });
    if (query.companyCode) builder.andWhere('p.company_code = :companyCode', { companyCode: query.companyCode });
    if (query.cursor) builder.andWhere('p.seq < :cursor', { cursor: query.cursor });
    const rows = await builder.getMany();
    const records = rows.slice(0, query.limit);
    return { records, nextCursor: rows.length > query.limit ? (records[records.length - 1]?.seq ?? null) : null };
  }

  /**
   * Which companies received this person's data (deliveries and withdrawals) and which read it (granted
   * accesses naming the contact), when and for what purpose: the answer to a disclosure request. A page holds
   * up to `limit` entries: the provisions after the cursor, then, once those are all given, the reads after it.
   * Both follow their chain's sequence, so an entry recorded while someone pages lands on a later page.
   */
  async recordOfProvision(contactId: string, limit: number, cursor?: string): Promise<RecordOfProvisionPage> {
    const after = cursor ? decodeRecordCursor(cursor) : RECORD_START;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // One snapshot: the totals count what the page was read from.
      const provisions = (await manager.query(
        `SELECT seq, company_code, kind, version, purposes, provided_at, notice_version, acquisition_notice_version FROM provision_records
          WHERE contact_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [contactId, after.provisionSeq, limit + 1],
      )) as {
        seq: string;
        company_code: string;
        kind: string;
        version: number;
        purposes: string[];
        provided_at: Date;
        notice_version: string | null;
        acquisition_notice_version: string | null;
      }[];
      const room = Math.max(limit - provisions.length, 0);
      const accesses = (await manager.query(
        `SELECT seq, company_code, operation, purpose, outcome, reason, accessed_at, requested_by, notice_version,
                acquisition_notice_versions[array_position(contact_ids, $1::uuid)] AS acquisition_notice_version FROM access_records
          WHERE contact_ids @> ARRAY[$1]::uuid[] AND outcome = 'GRANTED' AND seq > $2 ORDER BY seq LIMIT $3`,
        [contactId, after.accessSeq, room + 1],
      )) as {
        seq: string;
        company_code: string;
        operation: string;
        purpose: string | null;
        outcome: string;
        reason: string | null;
        accessed_at: Date;
        requested_by: string;
        notice_version: string | null;
        acquisition_notice_version: string | null;
      }[];
      const [counts] = (await manager.query(
        `SELECT (SELECT count(*) FROM provision_records WHERE contact_id = $1)::int AS provisions,
                (SELECT count(*) FROM access_records WHERE contact_ids @> ARRAY[$1]::uuid[] AND outcome = 'GRANTED')::int AS accesses`,
        [contactId],
      )) as { provisions: number; accesses: number }[];
      const pageProvisions = provisions.slice(0, limit);
      const pageAccesses = accesses.slice(0, room);
      const more = provisions.length > limit || accesses.length > room;
      const next: RecordPosition = {
        provisionSeq: pageProvisions[pageProvisions.length - 1]?.seq ?? after.provisionSeq,
        accessSeq: pageAccesses[pageAccesses.length - 1]?.seq ?? after.accessSeq,
      };
      const total = { provisions: counts?.provisions ?? 0, accesses: counts?.accesses ?? 0 };
      return {
        contactId,
        provisions: pageProvisions.map((p) => ({
          seq: p.seq,
          companyCode: p.company_code,
          kind: p.kind,
          version: p.version,
          purposes: p.purposes,
          providedAt: p.provided_at.toISOString(),
          noticeVersion: p.notice_version,
          acquisitionNoticeVersion: p.acquisition_notice_version,
        })),
        accesses: pageAccesses.map((a) => ({
          seq: a.seq,
          companyCode: a.company_code,
          operation: a.operation,
          purpose: a.purpose,
          outcome: a.outcome,
          reason: a.reason,
          accessedAt: a.accessed_at.toISOString(),
          requestedBy: a.requested_by,
          noticeVersion: a.notice_version,
          acquisitionNoticeVersion: a.acquisition_notice_version,
        })),
        total: { entries: total.provisions + total.accesses, ...total },
        nextCursor: more ? encodeRecordCursor(next) : null,
      };
    });
  }
}
