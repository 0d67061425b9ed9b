import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Topics, type AccessRecordedEvent } from '@registry/contracts';
import { claimEvent } from '@registry/persistence';
import { DataSource } from 'typeorm';
import { AccessRecordEntity } from './access-record.entity';
import type { SearchAccessesQuery } from './dto/search-accesses.query';

export interface AccessPage {
  records: AccessRecordEntity[];
  nextCursor: string | null;
}

@Injectable()
export class AccessRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores an access event once; a redelivered event id changes nothing. */
  async ingest(event: AccessRecordedEvent): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, event.eventId, Topics.access))) return false;
      await manager.insert(AccessRecordEntity, {
        eventId: event.eventId,
        accessId: event.accessId,
        companyCode: event.companyCode,
        requestedBy: event.requestedBy,
        operation: event.operation,
        purpose: event.purpose,
        contactIds: event.contactIds,
        outcome: event.outcome,
        reason: event.reason,
        accessedAt: new Date(event.accessedAt),
      });
      return true;
    });
  }

  /** Newest first; the cursor is the last record's sequence number. */
  async search(query: SearchAccessesQuery): Promise<AccessPage> {
    const builder = this.dataSource.getRepository(AccessRecordEntity).createQueryBuilder('r').orderBy('r.seq', 'DESC').limit(query.limit + 1);
    if (query.companyCode) builder.andWhere('r.company_code = :companyCode', { companyCode: query.companyCode });
    if (query.contactId) builder.andWhere(':contactId = ANY(r.contact_ids)', { contactId: query.contactId });
    if (query.outcome) builder.andWhere('r.outcome = :outcome', { outcome: query.outcome });
    if (query.cursor) builder.andWhere('r.seq < :cursor', { cursor: query.cursor });
    const rows = await builder.getMany();
    const records = rows.slice(0, query.limit);
    return { records, nextCursor: rows.length > query.limit ? (records[records.length - 1]?.seq ?? null) : null };
  }
}
