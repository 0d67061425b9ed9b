import type { DataSource } from 'typeorm';

export interface ScheduledJob {
  /** The job's name in scheduled_runs. */
  name: string;
  /** How long after the last start the job is due again. */
  intervalMs: number;
}

/**
 * Runs scheduled jobs so that, however many replicas tick, one at a time runs a job and only when it is due.
 * The replica that runs holds a session advisory lock on a connection of its own for the length of the run:
 * another replica skips meanwhile, and a replica that dies mid-run drops its connection and with it the lock,
 * so the next tick elsewhere runs the job. The row's last start says when it is due again.
 */
export class ScheduledRuns {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs the first due job of `jobs` (their order is their priority) under `lockName`, marking every job
   * of `alsoCovers` as started too; returns the job run, or null when none was due or another replica was running.
   */
  async runIfDue<T>(lockName: string, jobs: readonly ScheduledJob[], work: (job: ScheduledJob) => Promise<T>, alsoCovers: (job: ScheduledJob) => readonly ScheduledJob[] = () => []): Promise<{ job: ScheduledJob; result: T } | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [lockName])) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        await runner.query(`INSERT INTO scheduled_runs (job) SELECT unnest($1::text[]) ON CONFLICT (job) DO NOTHING`, [jobs.map((job) => job.name)]);
        for (const job of jobs) {
          // A tick a little early (timers drift) still counts: due once 95% of the interval has passed.
          const claimed = (await runner.query(
            `UPDATE scheduled_runs SET last_started_at = now() WHERE job = $1 AND (last_started_at IS NULL OR last_started_at <= now() - make_interval(secs => $2)) RETURNING job`,
            [job.name, (job.intervalMs * 0.95) / 1000],
          )) as [unknown[], number];
          if (claimed[1] === 0) continue;
          const covered = alsoCovers(job).map((other) => other.name);
          if (covered.length > 0) await runner.query(`UPDATE scheduled_runs SET last_started_at = now() WHERE job = ANY($1)`, [covered]);
          const finish = (status: 'DONE' | 'FAILED') =>
            runner.query(`UPDATE scheduled_runs SET last_finished_at = now(), last_status = $2 WHERE job = ANY($1)`, [[job.name, ...covered], status]);
          try {
            const result = await work(job);
            await finish('DONE');
            return { job, result };
          } catch (error) {
            await finish('FAILED');
            throw error;
          }
        }
        return null;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockName]);
      }
    } finally {
      await runner.release();
    }
  }

  async lastRuns(names: readonly string[]): Promise<{ job: string; last_started_at: Date | null; last_finished_at: Date | null; last_status: string | null }[]> {
    return this.dataSource.query(`SELECT job, last_started_at, last_finished_at, last_status FROM scheduled_runs WHERE job = ANY($1) ORDER BY job`, [names]);
  }
}
