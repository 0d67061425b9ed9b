import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { loggableError } from '@registry/persistence';
import { Periodic } from '@registry/platform';
import { DataSource } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { AUDIT_SETTINGS } from '../config/audit-settings.provider';
import type { AuditSettings } from '../config/env.validation';
import { ScheduledRuns, type ScheduledJob } from './scheduled-runs';
import { VerificationService, type VerificationMode, type VerificationReport } from './verification.service';

export interface ScheduledVerificationStatus {
  mode: VerificationMode;
  intervalSeconds: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  /** DONE when the run completed (whatever it found), FAILED when it could not complete; null before the first run. */
  lastRun: 'DONE' | 'FAILED' | null;
}

/**
 * Verifies the chains in the background: incrementally every AUDIT_VERIFY_INTERVAL_SECONDS, in full every
 * AUDIT_FULL_VERIFY_INTERVAL_HOURS (a full run stands in for the incremental one it coincides with). Of
 * several replicas one runs each verification. A broken chain raises a CHAIN_BROKEN alert, once per break.
 */
@Injectable()
export class VerificationScheduleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VerificationSchedule');
  private readonly schedule: Periodic;
  private readonly runs: ScheduledRuns;
  private readonly full: ScheduledJob;
  private readonly incremental: ScheduledJob;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(VerificationService) private readonly verification: VerificationService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(AUDIT_SETTINGS) settings: AuditSettings,
  ) {
    this.runs = new ScheduledRuns(dataSource);
    this.incremental = { name: 'verify-incremental', intervalMs: settings.AUDIT_VERIFY_INTERVAL_SECONDS * 1000 };
    this.full = { name: 'verify-full', intervalMs: settings.AUDIT_FULL_VERIFY_INTERVAL_HOURS * 3_600_000 };
    this.schedule = new Periodic(this.incremental.intervalMs, () => this.runDue(), (error) => this.logger.error({ msg: 'scheduled verification failed; will retry', error: loggableError(error) }));
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Runs the verification that is due, if any and if no other replica is running one; returns its report. */
  async runDue(): Promise<VerificationReport | null> {
    const ran = await this.runs.runIfDue(
      'audit-scheduled-verification',
      [this.full, this.incremental],
      async (job) => {
        const report = await this.verification.verify(job === this.full ? 'FULL' : 'INCREMENTAL', 'SCHEDULED');
        for (const chain of report.chains) {
          if (chain.firstBroken) await this.alerts.raiseChainBroken(chain.chain, chain.firstBroken);
        }
        return report;
      },
      (job) => (job === this.full ? [this.incremental] : []),
    );
    return ran?.result ?? null;
  }

  async status(): Promise<ScheduledVerificationStatus[]> {
    const rows = await this.runs.lastRuns([this.incremental.name, this.full.name]);
    return [this.incremental, this.full].map((job) => {
      const row = rows.find((r) => r.job === job.name);
      return {
        mode: job === this.full ? 'FULL' : 'INCREMENTAL',
        intervalSeconds: job.intervalMs / 1000,
        lastStartedAt: row?.last_started_at?.toISOString() ?? null,
        lastFinishedAt: row?.last_finished_at?.toISOString() ?? null,
        lastRun: (row?.last_status as 'DONE' | 'FAILED' | null) ?? null,
      };
    });
  }
}
