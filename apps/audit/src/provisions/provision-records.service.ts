import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProvisionRecordedEvent } from '@registry/contracts';
import { DataSource } from 'typeorm';
import { ChainWriter } from '../chain/chain-writer';
import { CHAINS } from '../chain/chains';
import type { SearchProvisionsQuery } from './dto/search-provisions.query';
import { ProvisionRecordEntity } from './provision-record.entity';

export interface RecordOfProvision {
  contactId: string;
  /**
   * `noticeVersion`: the joint-use notice each provision or access was decided under; `acquisitionNoticeVersion`: the revision
   * the person was told of joint use under (acquisition or consent), which bounds what was shared and with whom. Null for
   * records from before each was recorded.
   */
  provisions: {
    companyCode: string;
    kind: string;
    version: number;
    purposes: string[];
    providedAt: string;
    noticeVersion: string | null;
    acquisitionNoticeVersion: string | null;
  }[];
  accesses: {
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
}

/** The most a record of provision lists of each kind; a person's history is far shorter in practice. */
const RECORD_OF_PROVISION_LIMIT = 10_000;

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
   * accesses naming the contact), when and for what purpose, oldest first: the answer to a disclosure request.
   */
  async recordOfProvision(contactId: string): Promise<RecordOfProvision> {
    const provisions = (await this.dataSource.query(
      `SELECT company_code, kind, version, purposes, provided_at, notice_version, acquisition_notice_version FROM provision_records WHERE contact_id = $1 ORDER BY provided_at, seq LIMIT $2`,
      [contactId, RECORD_OF_PROVISION_LIMIT],
    )) as {
      company_code: string;
      kind: string;
      version: number;
      purposes: string[];
      provided_at: Date;
      notice_version: string | null;
      acquisition_notice_version: string | null;
    }[];
    const accesses = (await this.dataSource.query(
      `SELECT company_code, operation, purpose, outcome, reason, accessed_at, requested_by, notice_version,
              acquisition_notice_versions[array_position(contact_ids, $1::uuid)] AS acquisition_notice_version FROM access_records
        WHERE contact_ids @> ARRAY[$1]::uuid[] AND outcome = 'GRANTED' ORDER BY accessed_at, seq LIMIT $2`,
      [contactId, RECORD_OF_PROVISION_LIMIT],
    )) as {
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
    return {
      contactId,
      provisions: provisions.map((p) => ({
        companyCode: p.company_code,
        kind: p.kind,
        version: p.version,
        purposes: p.purposes,
        providedAt: p.provided_at.toISOString(),
        noticeVersion: p.notice_version,
        acquisitionNoticeVersion: p.acquisition_notice_version,
      })),
      accesses: accesses.map((a) => ({
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
    };
  }
}
