import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Topics, type ContactStateEvent } from '@registry/contracts';
import { forgetDeadLetters } from '@registry/kafka';
import { claimEvent } from '@registry/persistence';
import { projectSharedItems } from '@registry/policy';
import { DataSource } from 'typeorm';
import { DeliveryService } from '../deliveries/delivery.service';
import { RecordKeys } from '../statistics/record-keys';
import { SharedContactEntity } from './shared-contact.entity';

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'erased';

@Injectable()
export class ProjectionService {
  private readonly logger = new Logger(ProjectionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
    @Inject(RecordKeys) private readonly recordKeys: RecordKeys,
  ) {}

  /**
   * Applies a contact's state at its version. An event id seen before changes nothing; an older
   * version never overwrites a newer one. Only allow-listed items are stored. A new version goes on to
   * every eligible group company in the same transaction.
   */
  async apply(event: ContactStateEvent): Promise<ApplyOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<ApplyOutcome> => {
      if (!(await claimEvent(manager, event.eventId, Topics.contact))) return 'duplicate';
      const erased: unknown[] = await manager.query(`SELECT 1 FROM erased_contacts WHERE contact_id = $1`, [event.contactId]);
      if (erased.length > 0) return 'erased';
      const items = projectSharedItems(event.items as ContactStateEvent['items'] & Record<string, unknown>);
      const recordKey = await this.recordKeys.keyOf(manager, event.contactId);
      const rows: unknown[] = await manager.query(
        `INSERT INTO shared_contacts AS s (contact_id, version, name_full, name_kana, organization_name, address, department, title,
           email, phone, fax, transaction_history, acquisition_method, acquired_on, acquiring_company_code, subject_status, held_reason, notice_version, record_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 -- The statistics' record key, kept only if made under the secret the column's keys are made with.
                 CASE WHEN (SELECT secret_fingerprint FROM statistics_record_keys WHERE id = 1) = $20 THEN $19::bigint END)
         ON CONFLICT (contact_id) DO UPDATE SET
           version = EXCLUDED.version, name_full = EXCLUDED.name_full, name_kana = EXCLUDED.name_kana,
           organization_name = EXCLUDED.organization_name, address = EXCLUDED.address, department = EXCLUDED.department,
           title = EXCLUDED.title, email = EXCLUDED.email, phone = EXCLUDED.phone, fax = EXCLUDED.fax,
           transaction_history = EXCLUDED.transaction_history, acquisition_method = EXCLUDED.acquisition_method,
           acquired_on = EXCLUDED.acquired_on, acquiring_company_code = EXCLUDED.acquiring_company_code,
           subject_status = EXCLUDED.subject_status, held_reason = EXCLUDED.held_reason,
           notice_version = EXCLUDED.notice_version, record_key = EXCLUDED.record_key, updated_at = now()
         WHERE s.version < EXCLUDED.version
         RETURNING contact_id`,
        [
          event.contactId,
          event.version,
          items.name.full,
          items.name.kana ?? null,
          items.organizationName,
          items.address ? JSON.stringify(items.address) : null,
          items.department ?? null,
          items.title ?? null,
          items.email ?? null,
          items.phone ?? null,
          items.fax ?? null,
          JSON.stringify(items.transactionHistory),
          event.acquisition.method,
          event.acquisition.acquiredOn,
          event.acquisition.companyCode,
          event.jointUse ?? 'ACTIVE',
          event.jointUse === 'HELD' ? (event.heldReason ?? null) : null,
          // Absent before schema version 3: the first revision covers the person.
          event.noticeVersion ?? null,
          recordKey.key,
          recordKey.fingerprint,
        ],
      );
      if (rows.length === 0) return 'stale';
      await this.deliveries.afterContactChange(manager, await manager.findOneByOrFail(SharedContactEntity, { contactId: event.contactId }));
      return 'applied';
    });
    this.logger.debug({ msg: 'contact event', contactId: event.contactId, version: event.version, outcome });
    return outcome;
  }

  /**
   * Forgets an erased person: every company that had them gets a withdrawal (a tombstone on its topic), the
   * events that still carry their data are dropped from the outbox, malformed events about them that were kept
   * as dead letters are deleted, and the copy here is deleted. Only the id is kept, so that an old event arriving
   * late cannot bring them back.
   */
  async erase(contactId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO erased_contacts (contact_id) VALUES ($1) ON CONFLICT DO NOTHING`, [contactId]);
      await forgetDeadLetters(manager, contactId);
      const contact = await manager.findOne(SharedContactEntity, { where: { contactId }, lock: { mode: 'pessimistic_write' } });
      if (!contact) return;
      await this.deliveries.withdrawEverywhere(manager, contact);
      await manager.query(`DELETE FROM outbox WHERE message_key = $1 AND payload IS NOT NULL AND topic LIKE 'sharing.company.%'`, [contactId]);
      await manager.delete(SharedContactEntity, { contactId });
    });
    this.logger.log({ msg: 'contact erased', contactId });
  }
}
