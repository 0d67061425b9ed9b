import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Topics, type ProvisionRecordedEvent } from '@registry/contracts';
import { claimEvent } from '@registry/persistence';
import { DataSource } from 'typeorm';
import type { SearchProvisionsQuery } from './dto/search-provisions.query';
import { ProvisionRecordEntity } from './provision-record.entity';

@Injectable()
export class ProvisionRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a provision once; a redelivered event id changes nothing. */
  async ingest(event: ProvisionRecordedEvent): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await claimEvent(manager, event.eventId, Topics.provision))) return false;
      await manager.insert(ProvisionRecordEntity, {
        eventId: event.eventId,
        provisionId: event.provisionId,
        companyCode: event.companyCode,
        contactId: event.contactId,
        version: event.version,
        kind: event.kind,
        purposes: event.purposes,
        providedAt: new Date(event.providedAt),
      });
      return true;
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
}
