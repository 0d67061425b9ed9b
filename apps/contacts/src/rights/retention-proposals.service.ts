import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { loggableError } from '@registry/persistence';
import { Periodic, RegistryException } from '@registry/platform';
import { DataSource, type EntityManager } from 'typeorm';

export const RETENTION_OPTIONS = Symbol('RETENTION_OPTIONS');

export interface RetentionOptions {
  /** A person with no acquisition, correction or transaction for this many years is proposed for erasure. */
  inactiveYears: number;
  /** A dismissed proposal is not made again for this many days. */
  postponeDays: number;
}

export type RetentionProposalStatus = 'PROPOSED' | 'CONFIRMED' | 'DISMISSED' | 'WITHDRAWN';

export interface RetentionProposal {
  id: string;
  contactId: string;
  status: RetentionProposalStatus;
  lastActivityAt: string;
  reason: string;
  proposedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  dismissalReason: string | null;
  postponedUntil: string | null;
}

interface ProposalRow {
  id: string;
  contact_id: string;
  status: RetentionProposalStatus;
  last_activity_at: Date;
  reason: string;
  proposed_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  dismissal_reason: string | null;
  postponed_until: Date | null;
}

const toProposal = (row: ProposalRow): RetentionProposal => ({
  id: row.id,
  contactId: row.contact_id,
  status: row.status,
  lastActivityAt: row.last_activity_at.toISOString(),
  reason: row.reason,
  proposedAt: row.proposed_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
  decidedBy: row.decided_by,
  dismissalReason: row.dismissal_reason,
  postponedUntil: row.postponed_until?.toISOString() ?? null,
});

/** The latest thing recorded for the person: registration, an acquisition, or a correction (transaction entries are corrections). */
const LAST_ACTIVITY = `greatest(c.created_at,
  (SELECT max(a.created_at) FROM acquisitions a WHERE a.contact_id = c.id),
  (SELECT max(k.recorded_at) FROM contact_corrections k WHERE k.contact_id = c.id))`;

/** Proposals made per run at most, so one run stays short; the next run takes the rest. */
const BATCH = 5000;

/**
 * Retention: persons the registry no longer has a reason to keep are proposed for erasure, and the administrator
 * confirms (erasing them the usual way) or dismisses each proposal. Several replicas may compute at once: a person
 * has at most one open proposal (a unique index), and a decision locks its proposal, so nobody is erased twice.
 */
@Injectable()
export class RetentionProposalsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RetentionProposals');
  private readonly periodic = new Periodic(6 * 3_600_000, () => this.propose(), (error) => this.logger.error({ msg: 'retention proposals failed', error: loggableError(error) }));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RETENTION_OPTIONS) private readonly options: RetentionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /**
   * Withdraws open proposals whose person became active again or is gone, then proposes every person inactive
   * since the cutoff who has no open proposal, no dismissal still postponing one, and no open request about them.
   */
  async propose(now = new Date()): Promise<number> {
    await this.dataSource.query(
      `UPDATE retention_proposals p SET status = 'WITHDRAWN', decided_at = $1, decided_by = 'retention-check'
        WHERE p.status = 'PROPOSED'
          AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = p.contact_id AND ${LAST_ACTIVITY} <= p.last_activity_at)`,
      [now],
    );
    const rows = (await this.dataSource.query(
      `WITH cutoff AS (SELECT $1::timestamptz - make_interval(years => $2::int) AS at)
       INSERT INTO retention_proposals (id, contact_id, status, last_activity_at, reason, proposed_at)
       SELECT gen_random_uuid(), c.id, 'PROPOSED', ${LAST_ACTIVITY},
              format('No acquisition, correction or transaction since %s (retention period %s years)', to_char(${LAST_ACTIVITY} AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD'), $2::int),
              $1
         FROM contacts c, cutoff
        WHERE c.created_at < cutoff.at
          AND NOT EXISTS (SELECT 1 FROM acquisitions a WHERE a.contact_id = c.id AND a.created_at >= cutoff.at)
          AND NOT EXISTS (SELECT 1 FROM contact_corrections k WHERE k.contact_id = c.id AND k.recorded_at >= cutoff.at)
          AND NOT EXISTS (SELECT 1 FROM retention_proposals p WHERE p.contact_id = c.id AND (p.status = 'PROPOSED' OR (p.status = 'DISMISSED' AND p.postponed_until > $1)))
          AND NOT EXISTS (SELECT 1 FROM subject_requests r WHERE r.status = 'OPEN' AND c.id = ANY (r.confirmed_ids))
        ORDER BY c.created_at
        LIMIT ${BATCH}
       ON CONFLICT (contact_id) WHERE status = 'PROPOSED' DO NOTHING
       RETURNING id`,
      [now, this.options.inactiveYears],
    )) as unknown[];
    if (rows.length > 0) this.logger.log({ msg: 'persons proposed for erasure', count: rows.length });
    return rows.length;
  }

  async list(status: RetentionProposalStatus): Promise<RetentionProposal[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM retention_proposals WHERE status = $1 ORDER BY proposed_at, contact_id LIMIT 500`, [status])) as ProposalRow[];
    return rows.map(toProposal);
  }

  async count(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM retention_proposals WHERE status = 'PROPOSED'`)) as { n: number }[];
    return row?.n ?? 0;
  }

  /**
   * Decides an open proposal under its lock: `erase` runs in the same transaction, so a second decision (another
   * replica, a double click) waits and then finds it decided. A person active again since the proposal is not
   * erased: the proposal is withdrawn.
   */
  async confirm(principal: Principal, id: string, erase: (manager: EntityManager, contactId: string) => Promise<void>): Promise<RetentionProposal> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.openProposal(manager, id);
      // Compared in SQL: the times carry microseconds, which a JavaScript date would drop.
      const [current] = (await manager.query(`SELECT ${LAST_ACTIVITY} > p.last_activity_at AS active_again FROM contacts c JOIN retention_proposals p ON p.contact_id = c.id WHERE p.id = $1`, [
        id,
      ])) as { active_again: boolean }[];
      if (!current || current.active_again) {
        await manager.query(`UPDATE retention_proposals SET status = 'WITHDRAWN', decided_at = now(), decided_by = $2 WHERE id = $1`, [id, principal.subject]);
        return current ? 'ACTIVE_AGAIN' : 'GONE';
      }
      const [open] = (await manager.query(`SELECT id FROM subject_requests WHERE status = 'OPEN' AND $1 = ANY (confirmed_ids) LIMIT 1`, [row.contact_id])) as { id: string }[];
      if (open) return 'OPEN_REQUEST';
      await erase(manager, row.contact_id);
      await manager.query(`UPDATE retention_proposals SET status = 'CONFIRMED', decided_at = now(), decided_by = $2 WHERE id = $1`, [id, principal.subject]);
      return 'ERASED';
    });
    if (outcome === 'ACTIVE_AGAIN') throw new RegistryException('PERSON_ACTIVE_AGAIN', 409, 'The person has had an acquisition, correction or transaction since the proposal; it was withdrawn.');
    if (outcome === 'GONE') throw new RegistryException('PERSON_ALREADY_ERASED', 409, 'The person is no longer in the registry; the proposal was withdrawn.');
    if (outcome === 'OPEN_REQUEST') throw new RegistryException('PERSON_HAS_OPEN_REQUEST', 409, 'A data subject request about this person is open; close it before erasing the person for retention.');
    return this.get(id);
  }

  /** Keeps the person, with a reason; the proposal is not made again for the postponement period. */
  async dismiss(principal: Principal, id: string, reason: string): Promise<RetentionProposal> {
    await this.dataSource.transaction(async (manager) => {
      await this.openProposal(manager, id);
      await manager.query(
        `UPDATE retention_proposals SET status = 'DISMISSED', decided_at = now(), decided_by = $2, dismissal_reason = $3, postponed_until = now() + make_interval(days => $4::int) WHERE id = $1`,
        [id, principal.subject, reason, this.options.postponeDays],
      );
    });
    return this.get(id);
  }

  private async get(id: string): Promise<RetentionProposal> {
    const [row] = (await this.dataSource.query(`SELECT * FROM retention_proposals WHERE id = $1`, [id])) as ProposalRow[];
    if (!row) throw new RegistryException('RETENTION_PROPOSAL_NOT_FOUND', 404, `No retention proposal ${id}`);
    return toProposal(row);
  }

  private async openProposal(manager: EntityManager, id: string): Promise<ProposalRow> {
    const [row] = (await manager.query(`SELECT * FROM retention_proposals WHERE id = $1 FOR UPDATE`, [id])) as ProposalRow[];
    if (!row) throw new RegistryException('RETENTION_PROPOSAL_NOT_FOUND', 404, `No retention proposal ${id}`);
    if (row.status !== 'PROPOSED') {
      throw new RegistryException('RETENTION_PROPOSAL_DECIDED', 409, `The proposal was already ${row.status.toLowerCase()} by ${row.decided_by} at ${row.decided_at?.toISOString()}.`);
    }
    return row;
  }
}
