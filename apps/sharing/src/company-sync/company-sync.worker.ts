import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Periodic } from '@registry/platform';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { DeliveryService, receivesContacts, type HeldContact } from '../deliveries/delivery.service';
import { SharedContactEntity } from '../projection/shared-contact.entity';
import { CompanySyncJobEntity, type SyncJobStatus } from './company-sync-job.entity';
import { COMPANY_SYNC_OPTIONS, type CompanySyncOptions } from './company-sync.options';
import { loggableError } from '@registry/persistence';

type BatchOutcome = 'no-job' | 'done' | 'paused';

/**
 * Carries out backfills and withdrawals in batches. Each batch claims a job's row (SKIP LOCKED, so replicas share
 * the work and never run one job twice at once) and commits its outbox rows, delivery rows and the job's cursor
 * together: a batch cut short leaves nothing behind, and the job goes on from its cursor.
 */
@Injectable()
export class CompanySyncWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CompanySync');
  private readonly schedule: Periodic;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
    @Inject(COMPANY_SYNC_OPTIONS) private readonly options: CompanySyncOptions,
  ) {
    this.schedule = new Periodic(options.pollIntervalMs, () => this.runPending(), (error) =>
      this.logger.error({ msg: 'company sync batch failed; will retry', error: loggableError(error) }),
    );
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.schedule.stop();
  }

  /**
   * Runs batches of unfinished jobs until none is left that can go on now. A job whose batch fails is left for
   * the next run, so that it holds up no other company's.
   */
  async runPending(): Promise<void> {
    const passed: string[] = [];
    while (!this.stopping) {
      let current: string | null = null;
      try {
        const outcome = await this.dataSource.transaction((manager) =>
          this.runOneBatch(manager, passed, (jobId) => {
            current = jobId;
          }),
        );
        if (outcome === 'no-job') return;
      } catch (error) {
        if (current === null) throw error;
        passed.push(current);
        this.logger.error({ msg: 'company sync batch failed; will retry', jobId: current, error: loggableError(error) });
      }
    }
  }

  private async runOneBatch(manager: EntityManager, passed: string[], onClaim: (jobId: string) => void): Promise<BatchOutcome> {
    const [job] = (await manager.query(
      `SELECT id FROM company_sync_jobs WHERE status IN ('PENDING', 'RUNNING') AND NOT (id = ANY($1::uuid[]))
       ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [passed],
    )) as { id: string }[];
    if (!job) return 'no-job';
    onClaim(job.id);
    const claimed = await manager.findOneByOrFail(CompanySyncJobEntity, { id: job.id });
    const now = new Date();
    if (claimed.kind === 'BACKFILL') {
      // Its leaving date passed meanwhile: the scheduled check will supersede this backfill with a withdrawal.
      const company = await manager.findOneByOrFail(GroupCompanyEntity, { code: claimed.companyCode });
      if (!receivesContacts(company, now)) {
        passed.push(claimed.id);
        return 'paused';
      }
    }
    const { examined, sent, last } = claimed.kind === 'BACKFILL' ? await this.backfill(manager, claimed, now) : await this.withdraw(manager, claimed, now);
    const finished = examined < this.options.batchSize;
    const status: SyncJobStatus = finished ? 'DONE' : 'RUNNING';
    const [progress] = (await manager.query(
      `UPDATE company_sync_jobs
          SET status = $2, cursor_contact_id = COALESCE($3, cursor_contact_id), processed = processed + $4, sent = sent + $5,
              started_at = COALESCE(started_at, $6), finished_at = $7, total = CASE WHEN $8 THEN processed + $4 ELSE total END
        WHERE id = $1
        RETURNING processed, sent, total`,
      [claimed.id, status, last, examined, sent, now, finished ? now : null, finished],
    )) as [{ processed: number; sent: number; total: number }[], number];
    const counts = progress[0];
    this.logger.log({ msg: 'company sync batch', jobId: claimed.id, companyCode: claimed.companyCode, kind: claimed.kind, status, batch: examined, batchSent: sent, ...counts });
    return 'done';
  }

  /** Delivers the next contacts in id order that the company lacks at their current version. */
  private async backfill(manager: EntityManager, job: CompanySyncJobEntity, at: Date): Promise<{ examined: number; sent: number; last: string | null }> {
    // The contacts' rows are share-locked, so a change to one of them (a correction, a suspension) waits for this
    // batch or is waited for: the version delivered here is the current one.
    const contacts = await manager.find(SharedContactEntity, {
      where: job.cursorContactId ? { suspended: false, contactId: MoreThan(job.cursorContactId) } : { suspended: false },
      order: { contactId: 'ASC' },
      take: this.options.batchSize,
      lock: { mode: 'pessimistic_read' },
    });
    if (contacts.length === 0) return { examined: 0, sent: 0, last: null };
    const held = await this.lockDeliveries(manager, job.companyCode, contacts.map((c) => c.contactId));
    const company = await manager.findOneByOrFail(GroupCompanyEntity, { code: job.companyCode });
    let sent = 0;
    for (const contact of contacts) {
      const previous = held.get(contact.contactId);
      if (previous?.state === 'DELIVERED' && previous.version >= contact.version) continue;
      // A person whose covering revision does not name this company is passed over.
      if (await this.deliveries.deliver(manager, company, contact, at)) sent += 1;
    }
    return { examined: contacts.length, sent, last: contacts.at(-1)?.contactId ?? null };
  }

  /** Withdraws the next contacts in id order that the company holds. */
  private async withdraw(manager: EntityManager, job: CompanySyncJobEntity, at: Date): Promise<{ examined: number; sent: number; last: string | null }> {
    const held = (await manager.query(
      `SELECT contact_id AS "contactId", version,
              (SELECT s.notice_version FROM shared_contacts s WHERE s.contact_id = deliveries.contact_id) AS "noticeVersion"
         FROM deliveries
        WHERE company_code = $1 AND state = 'DELIVERED' AND ($2::uuid IS NULL OR contact_id > $2::uuid)
        ORDER BY contact_id LIMIT $3 FOR UPDATE`,
      [job.companyCode, job.cursorContactId, this.options.batchSize],
    )) as HeldContact[];
    for (const contact of held) await this.deliveries.withdraw(manager, job.companyCode, contact, at);
    return { examined: held.length, sent: held.length, last: held.at(-1)?.contactId ?? null };
  }

  private async lockDeliveries(manager: EntityManager, companyCode: string, contactIds: string[]): Promise<Map<string, { version: number; state: string }>> {
    const rows = (await manager.query(
      `SELECT contact_id, version, state FROM deliveries WHERE company_code = $1 AND contact_id = ANY($2::uuid[]) ORDER BY contact_id FOR UPDATE`,
      [companyCode, contactIds],
    )) as { contact_id: string; version: number; state: string }[];
    return new Map(rows.map((row) => [row.contact_id, { version: row.version, state: row.state }]));
  }
}
