import { Injectable, Logger } from '@nestjs/common';
import { companyEligibility, type DenialReason } from '@registry/policy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { GroupCompanyEntity } from '../companies/group-company.entity';
import { lockRegisterForEligibilityChange } from '../companies/register-lock';
import { CompanySyncJobEntity, type SyncJobKind, type TransitionCause } from './company-sync-job.entity';

/** A company became eligible to receive jointly used contacts, or stopped being so. */
export interface EligibilityTransition {
  companyCode: string;
  /** Eligibility as deliveries followed it until now; null when never decided before. */
  from: boolean | null;
  to: boolean;
  /** Why the company is not eligible any more; null when it became eligible. */
  ineligibleReason: DenialReason | null;
  at: Date;
  cause: TransitionCause;
  registerVersion: number;
  /** The backfill or withdrawal that carries the change out; it supersedes any unfinished one of the company. */
  job: { id: string; kind: SyncJobKind; total: number };
}

/**
 * The one place that decides "company X's eligibility changed from A to B at time T". The administrator's
 * register changes (CompaniesService.put) and the scheduled check of joining and leaving dates both call
 * `decide`, inside the transaction that holds the entry's lock (lockRegisterEntry). Whatever else must follow
 * such a change (the company's topic ACLs, say) belongs here, beside the job that delivers or withdraws.
 */
@Injectable()
export class EligibilityTransitions {
  private readonly logger = new Logger('EligibilityTransitions');

  /**
   * Compares the company's eligibility at `at` with the one deliveries follow; when they differ, records the new
   * one and a job to carry it out (a backfill or a withdrawal), and supersedes the company's unfinished job.
   * Returns the transition, or null when nothing changed.
   */
  async decide(manager: EntityManager, company: GroupCompanyEntity, at: Date, cause: TransitionCause): Promise<EligibilityTransition | null> {
    const ineligibleReason = companyEligibility(company, at);
    const to = ineligibleReason === null;
    if (company.eligible === to) return null;

    // Waits for a batch of the unfinished job to commit, before the register lock, which that batch may wait on indirectly.
    const unfinished = (await manager.query(`SELECT id FROM company_sync_jobs WHERE company_code = $1 AND status IN ('PENDING', 'RUNNING') FOR UPDATE`, [
      company.code,
    ])) as { id: string }[];
    const kind: SyncJobKind = to ? 'BACKFILL' : 'WITHDRAWAL';
    const total = await this.countToSync(manager, company.code, kind);
    await lockRegisterForEligibilityChange(manager);

    const job = { id: randomUUID(), kind, total };
    await manager.insert(CompanySyncJobEntity, {
      id: job.id,
      companyCode: company.code,
      kind,
      status: 'PENDING',
      cause,
      registerVersion: company.version,
      ineligibleReason,
      cursorContactId: null,
      processed: 0,
      sent: 0,
      total,
      supersededBy: null,
      createdAt: at,
      startedAt: null,
      finishedAt: null,
    });
    if (unfinished.length > 0) {
      await manager.query(`UPDATE company_sync_jobs SET status = 'SUPERSEDED', superseded_by = $2, finished_at = $3 WHERE id = ANY($1::uuid[])`, [
        unfinished.map((row) => row.id),
        job.id,
        at,
      ]);
    }
    await manager.update(GroupCompanyEntity, { code: company.code }, { eligible: to });

    const transition: EligibilityTransition = { companyCode: company.code, from: company.eligible, to, ineligibleReason, at, cause, registerVersion: company.version, job };
    this.logger.log({
      msg: 'company eligibility changed',
      companyCode: company.code,
      from: transition.from,
      to,
      ineligibleReason,
      cause,
      registerVersion: company.version,
      jobId: job.id,
      kind,
      total,
      superseded: unfinished.map((row) => row.id),
    });
    return transition;
  }

  private async countToSync(manager: EntityManager, companyCode: string, kind: SyncJobKind): Promise<number> {
    const [{ n }] = (await (kind === 'BACKFILL'
      ? manager.query(`SELECT count(*)::int AS n FROM shared_contacts WHERE NOT suspended`)
      : manager.query(`SELECT count(*)::int AS n FROM deliveries WHERE company_code = $1 AND state = 'DELIVERED'`, [companyCode]))) as { n: number }[];
    return n;
  }
}
