import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { linkHash } from './chain-hash';
import { CHAIN_NAMES, CHAINS, GENESIS_HASH, rowCanonicalJson, selectColumns, type ChainName } from './chains';
import { CheckpointsService, type Checkpoint } from './checkpoints.service';
import { RetentionService } from './retention.service';

export type VerificationMode = 'INCREMENTAL' | 'FULL';
export type ChainStatus = 'INTACT' | 'BROKEN';
/** Whether the schedule ran the verification or an administrator asked for it. */
export type VerificationTrigger = 'SCHEDULED' | 'REQUESTED';

export interface BrokenRecord {
  seq: string;
  eventId: string | null;
  problem: string;
}

export interface ChainReport {
  chain: ChainName;
  status: ChainStatus;
  headSeq: string;
  headHash: string;
  /** The chain was recomputed from the record after this sequence number (0: from its first record). */
  checkedFrom: string;
  checkedRecords: number;
  checkpointsChecked: number;
  firstBroken: BrokenRecord | null;
}

export interface VerificationReport {
  status: ChainStatus;
  mode: VerificationMode;
  /** Absent in reports stored before scheduled verification existed (they were all requested). */
  trigger?: VerificationTrigger;
  verifiedAt: string;
  durationMs: number;
  checkedRecords: number;
  chains: ChainReport[];
}

/** Where a recomputation starts: after `seq`, whose hash is `hash`. */
interface StartPoint {
  seq: string;
  hash: string;
  /** Why the start point can be trusted; null when it is the chain's beginning. */
  anchor: { kind: 'checkpoint' | 'purge'; genuine: boolean; id: string } | null;
}

const PAGE = 10_000;

/**
 * Recomputes the audit chains and reports each as intact, with its head, or the first broken record.
 * A record is broken when its hash is not that of its content (altered), when it does not link to the
 * record before it (removed, inserted or reordered), when a checkpoint does not match it (re-sealed), or
 * when a checkpoint or the head names records that are no longer there (truncated).
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger('Verification');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CheckpointsService) private readonly checkpoints: CheckpointsService,
    @Inject(RetentionService) private readonly retention: RetentionService,
  ) {}

  async verify(mode: VerificationMode, trigger: VerificationTrigger = 'REQUESTED'): Promise<VerificationReport> {
    const started = Date.now();
    const previous = mode === 'INCREMENTAL' ? await this.latest() : null;
    const chains: ChainReport[] = [];
    for (const chain of CHAIN_NAMES) {
      const verifiedThrough = previous?.chains.find((c) => c.chain === chain && c.status === 'INTACT')?.headSeq ?? null;
      chains.push(await this.verifyChain(chain, verifiedThrough));
    }
    const report: VerificationReport = {
      status: chains.every((c) => c.status === 'INTACT') ? 'INTACT' : 'BROKEN',
      mode,
      trigger,
      verifiedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      checkedRecords: chains.reduce((sum, c) => sum + c.checkedRecords, 0),
      chains,
    };
    await this.dataSource.query(`INSERT INTO chain_verifications (mode, status, verified_at, report) VALUES ($1, $2, $3, $4)`, [
      mode,
      report.status,
      report.verifiedAt,
      JSON.stringify(report),
    ]);
    const log = report.status === 'INTACT' ? 'log' : 'error';
    this.logger[log]({ msg: `audit chains ${report.status.toLowerCase()}`, mode, trigger, checkedRecords: report.checkedRecords, durationMs: report.durationMs, broken: chains.filter((c) => c.firstBroken).map((c) => ({ chain: c.chain, ...c.firstBroken })) });
    return report;
  }

  async latest(): Promise<VerificationReport | null> {
    const [row] = (await this.dataSource.query(`SELECT report FROM chain_verifications ORDER BY id DESC LIMIT 1`)) as { report: VerificationReport }[];
    return row?.report ?? null;
  }

  /**
   * Incremental verification resumes at the newest checkpoint within what the last intact verification
   * covered; a full one starts at the chain's beginning, or after its last retention purge.
   */
  private async startPoint(manager: EntityManager, chain: ChainName, verifiedThrough: string | null): Promise<StartPoint> {
    const purge = await this.retention.lastPurge(chain, manager);
    const checkpoint = verifiedThrough === null ? null : await this.checkpoints.atOrBefore(chain, verifiedThrough, manager);
    if (checkpoint && (!purge || BigInt(checkpoint.seq) > BigInt(purge.throughSeq))) {
      return { seq: checkpoint.seq, hash: checkpoint.hash, anchor: { kind: 'checkpoint', genuine: this.checkpoints.isGenuine(checkpoint), id: checkpoint.id } };
    }
    if (purge) return { seq: purge.throughSeq, hash: purge.hash, anchor: { kind: 'purge', genuine: this.retention.isGenuine(purge), id: purge.id } };
    return { seq: '0', hash: GENESIS_HASH, anchor: null };
  }

  /**
   * Reads the start point, the head, the checkpoints and the records of one chain in one snapshot (REPEATABLE
   * READ), so records appended while it runs are neither half seen nor taken for a tail that does not match the
   * head, and records a retention purge removes meanwhile are not missed from where the snapshot starts.
   */
  private verifyChain(name: ChainName, verifiedThrough: string | null): Promise<ChainReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => this.verifyChainIn(manager, name, await this.startPoint(manager, name, verifiedThrough)));
  }

  private async verifyChainIn(manager: EntityManager, name: ChainName, start: StartPoint): Promise<ChainReport> {
    const chain = CHAINS[name];
    const [head] = (await manager.query(`SELECT seq, hash FROM chain_heads WHERE chain = $1`, [name])) as { seq: string; hash: string }[];
    const report: ChainReport = {
      chain: name,
      status: 'INTACT',
      headSeq: head?.seq ?? '0',
      headHash: head?.hash ?? GENESIS_HASH,
      checkedFrom: start.seq,
      checkedRecords: 0,
      checkpointsChecked: 0,
      firstBroken: null,
    };
    const broken = (seq: string, eventId: string | null, problem: string): ChainReport => ({ ...report, status: 'BROKEN', firstBroken: { seq, eventId, problem } });

    if (!head) return broken('0', null, 'the chain has no head row');
    if (start.anchor && !start.anchor.genuine) {
      return broken(start.seq, null, `the ${start.anchor.kind} #${start.anchor.id} the verification starts from does not carry a valid signature of this service's key`);
    }
    if (start.anchor?.kind === 'checkpoint') {
      const [anchored] = (await manager.query(`SELECT event_id, hash FROM ${chain.table} WHERE seq = $1`, [start.seq])) as { event_id: string; hash: string }[];
      if (!anchored) return broken(start.seq, null, `record ${start.seq}, sealed by checkpoint #${start.anchor.id}, is missing`);
      if (anchored.hash !== start.hash) return broken(start.seq, anchored.event_id, `record ${start.seq} does not match checkpoint #${start.anchor.id}: the chain was rewritten after it was sealed`);
    }

    const pending: Checkpoint[] = await this.checkpoints.after(manager, name, start.seq);
    for (const checkpoint of pending) {
      if (!this.checkpoints.isGenuine(checkpoint)) return broken(checkpoint.seq, null, `checkpoint #${checkpoint.id} does not carry a valid signature of this service's key`);
    }
    let previousHash = start.hash;
    let lastSeq = start.seq;
    let lastEventId: string | null = null;
    const columns = selectColumns(chain);
    const page = (after: string) => manager.query(`SELECT ${columns} FROM ${chain.table} WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [after]) as Promise<Record<string, unknown>[]>;
    // Read-ahead: the next page is asked for before this one is hashed, so PostgreSQL reads it meanwhile (same
    // connection, same snapshot). A page left unread when a break ends the run is waited for, so the transaction ends cleanly.
    let next: Promise<Record<string, unknown>[]> | null = page(lastSeq);
    try {
      while (next) {
        const rows: Record<string, unknown>[] = await next;
        const last = rows[rows.length - 1];
        next = rows.length === PAGE && last ? page(String(last['seq'])) : null;
        for (const row of rows) {
          const seq = String(row['seq']);
          const eventId = String(row['event_id']);
          const sealed = pending[0];
          if (sealed && BigInt(sealed.seq) < BigInt(seq)) return broken(sealed.seq, null, `record ${sealed.seq}, sealed by checkpoint #${sealed.id}, is missing`);
          if (row['prev_hash'] !== previousHash) {
            return broken(seq, eventId, `record ${seq} does not link to the record before it (${lastSeq}): a record was removed, inserted or reordered here`);
          }
          const hash = linkHash(previousHash, rowCanonicalJson(chain, row));
          if (row['hash'] !== hash) return broken(seq, eventId, `record ${seq} was altered: its content no longer matches its hash`);
          if (sealed?.seq === seq) {
            pending.shift();
            if (sealed.hash !== hash) return broken(seq, eventId, `record ${seq} does not match checkpoint #${sealed.id}: the chain was rewritten after it was sealed`);
            report.checkpointsChecked += 1;
          }
          previousHash = hash;
          lastSeq = seq;
          lastEventId = eventId;
          report.checkedRecords += 1;
        }
      }
    } finally {
      await next?.catch(() => undefined);
    }
    const missed = pending[0];
    if (missed) return broken(missed.seq, null, `records after ${lastSeq} are missing: checkpoint #${missed.id} sealed the chain up to ${missed.seq}`);
    if (head.seq !== lastSeq || head.hash !== previousHash) {
      return broken(lastSeq, lastEventId, `the chain ends at record ${lastSeq}, but its head names record ${head.seq}: records were removed from its end or the head was changed`);
    }
    return report;
  }
}
