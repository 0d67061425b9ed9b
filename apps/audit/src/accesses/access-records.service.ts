import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessRecordedEvent } from '@registry/contracts';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { ChainWriter } from '../chain/chain-writer';
import { CHAINS } from '../chain/chains';
import { AccessRecordEntity } from './access-record.entity';
import { decodeAccessCursor, encodeAccessCursor, type AccessPosition } from './access-cursor';
import type { AccessFilters } from './dto/search-accesses.query';

export interface AccessPage {
  records: AccessRecordEntity[];
  nextCursor: string | null;
}

export interface CompanySummary {
  companyCode: string;
  from: string | null;
  to: string | null;
  counts: { purpose: string | null; outcome: string; count: number }[];
}

const EXPORT_PAGE = 5000;

@Injectable()
export class AccessRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
    @Inject(AlertsService) private readonly alerts: AlertsService,
  ) {}

  /**
   * Appends a batch of access events to the chain in one transaction, each event id once however often it
   * is delivered, and evaluates the alert rules on what was appended. Returns how many were new.
   */
  async ingest(events: readonly AccessRecordedEvent[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const appended = await this.chain.append(
        manager,
        CHAINS.accesses,
        events.map((event) => ({
          event_id: event.eventId,
          access_id: event.accessId,
          company_code: event.companyCode,
          requested_by: event.requestedBy,
          operation: event.operation,
          purpose: event.purpose,
          contact_ids: event.contactIds,
          outcome: event.outcome,
          reason: event.reason,
          accessed_at: event.accessedAt,
        })),
      );
      await this.alerts.evaluate(manager, appended);
      return appended.length;
    });
  }

  /** Newest first by time of access; the cursor names the last record's position. */
  async search(filters: AccessFilters, limit: number, cursor?: string): Promise<AccessPage> {
    const after = cursor ? decodeAccessCursor(cursor) : null;
    const rows = await this.filtered(filters, after).limit(limit + 1).getMany();
    const records = rows.slice(0, limit);
    const last = records[records.length - 1];
    return { records, nextCursor: rows.length > limit && last ? encodeAccessCursor(positionOf(last)) : null };
  }

  /** Every record the filters match, newest first, fetched a page at a time so that any number streams in constant memory. */
  async *all(filters: AccessFilters): AsyncGenerator<AccessRecordEntity> {
    let after: AccessPosition | null = null;
    for (;;) {
      const rows = await this.filtered(filters, after).limit(EXPORT_PAGE).getMany();
      yield* rows;
      const last = rows[rows.length - 1];
      if (rows.length < EXPORT_PAGE || !last) return;
      after = positionOf(last);
    }
  }

  /** Counts by purpose and outcome of one company's accesses over a period. */
  async summary(companyCode: string, from?: string, to?: string): Promise<CompanySummary> {
    const rows = (await this.dataSource.query(
      `SELECT purpose, outcome, count(*)::int AS count FROM access_records
        WHERE company_code = $1 AND ($2::timestamptz IS NULL OR accessed_at >= $2) AND ($3::timestamptz IS NULL OR accessed_at < $3)
        GROUP BY purpose, outcome ORDER BY purpose NULLS FIRST, outcome`,
      [companyCode, from ?? null, to ?? null],
    )) as { purpose: string | null; outcome: string; count: number }[];
    return { companyCode, from: from ?? null, to: to ?? null, counts: rows };
  }

  private filtered(filters: AccessFilters, after: AccessPosition | null): SelectQueryBuilder<AccessRecordEntity> {
    const builder = this.dataSource.getRepository(AccessRecordEntity).createQueryBuilder('r').orderBy('r.accessed_at', 'DESC').addOrderBy('r.seq', 'DESC');
    if (filters.companyCode) builder.andWhere('r.company_code = :companyCode', { companyCode: filters.companyCode });
    if (filters.contactId) builder.andWhere('r.contact_ids @> ARRAY[:contactId]::uuid[]', { contactId: filters.contactId });
    if (filters.purpose) builder.andWhere('r.purpose = :purpose', { purpose: filters.purpose });
    if (filters.outcome) builder.andWhere('r.outcome = :outcome', { outcome: filters.outcome });
    if (filters.reason) builder.andWhere('r.reason = :reason', { reason: filters.reason });
    if (filters.operation) builder.andWhere('r.operation = :operation', { operation: filters.operation });
    if (filters.from) builder.andWhere('r.accessed_at >= :from', { from: filters.from });
    if (filters.to) builder.andWhere('r.accessed_at < :to', { to: filters.to });
    if (after) builder.andWhere('(r.accessed_at, r.seq) < (:afterAt::timestamptz, :afterSeq::bigint)', { afterAt: after.accessedAt, afterSeq: after.seq });
    return builder;
  }
}

const positionOf = (record: AccessRecordEntity): AccessPosition => ({ accessedAt: record.accessedAt.toISOString(), seq: record.seq });
