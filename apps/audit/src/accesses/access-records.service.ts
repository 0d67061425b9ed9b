import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessRecordedEvent } from '@registry/contracts';
import { DataSource } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { ChainWriter } from '../chain/chain-writer';
import { CHAINS } from '../chain/chains';
import type { AccessRecord } from './access-record';
import { decodeAccessCursor, encodeAccessCursor, type AccessPosition } from './access-cursor';
import type { AccessFilters } from './dto/search-accesses.query';

export interface AccessPage {
  records: AccessRecord[];
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
          persons_aggregated: event.personsAggregated ?? null,
          outcome: event.outcome,
          reason: event.reason,
          accessed_at: event.accessedAt,
          // Schema version 1 events were recorded before the notice version was.
          notice_version: event.noticeVersion ?? null,
          // Schema version 3: the revision each contact named was told of joint use under.
          acquisition_notice_versions: event.acquisitionNoticeVersions ?? null,
        })),
      );
      await this.alerts.evaluate(manager, appended);
      return appended.length;
    });
  }

  /** Newest first by time of access; the cursor names the last record's position. */
  async search(filters: AccessFilters, limit: number, cursor?: string): Promise<AccessPage> {
    const after = cursor ? decodeAccessCursor(cursor) : null;
    const rows = await this.query(filters, after, limit + 1);
    const records = rows.slice(0, limit);
    const last = records[records.length - 1];
    return { records, nextCursor: rows.length > limit && last ? encodeAccessCursor(positionOf(last)) : null };
  }

  /** Every record the filters match, newest first, a page at a time, so that any number streams in constant memory. */
  async *pages(filters: AccessFilters): AsyncGenerator<AccessRecord[]> {
    let after: AccessPosition | null = null;
    for (;;) {
      const rows = await this.query(filters, after, EXPORT_PAGE);
      if (rows.length > 0) yield rows;
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

  /** Plain SQL rather than entities: a page of an export is thousands of rows, and mapping them to entities cost more than the query. */
  private async query(filters: AccessFilters, after: AccessPosition | null, limit: number): Promise<AccessRecord[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const param = (value: unknown): string => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (filters.companyCode) conditions.push(`company_code = ${param(filters.companyCode)}`);
    if (filters.contactId) conditions.push(`contact_ids @> ARRAY[${param(filters.contactId)}::uuid]`);
    if (filters.purpose) conditions.push(`purpose = ${param(filters.purpose)}`);
    if (filters.outcome) conditions.push(`outcome = ${param(filters.outcome)}`);
    if (filters.reason) conditions.push(`reason = ${param(filters.reason)}`);
    if (filters.operation) conditions.push(`operation = ${param(filters.operation)}`);
    if (filters.from) conditions.push(`accessed_at >= ${param(filters.from)}::timestamptz`);
    if (filters.to) conditions.push(`accessed_at < ${param(filters.to)}::timestamptz`);
    if (after) conditions.push(`(accessed_at, seq) < (${param(after.accessedAt)}::timestamptz, ${param(after.seq)}::bigint)`);
    const limitParam = param(limit);
    return (await this.dataSource.query(
      `SELECT * FROM access_records ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY accessed_at DESC, seq DESC LIMIT ${limitParam}`,
      parameters,
    )) as AccessRecord[];
  }
}

const positionOf = (record: AccessRecord): AccessPosition => ({ accessedAt: record.accessed_at.toISOString(), seq: record.seq });
