import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { loggableError } from '@registry/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AUDIT_SETTINGS } from '../config/audit-settings.provider';
import type { AuditSettings } from '../config/env.validation';
import { CHAIN_NAMES, CHAINS, type ChainName } from './chains';
import { Periodic } from '@registry/platform';
import { sealPayload, SealSigner } from './seal-signer';

export interface Purge {
  id: string;
  chain: ChainName;
  throughSeq: string;
  hash: string;
  cutoff: Date;
  purged: string;
  purgedAt: Date;
  keyId: string;
  signature: string;
}

interface PurgeRow {
  id: string;
  chain: ChainName;
  through_seq: string;
  hash: string;
  cutoff: Date;
  purged: string;
  purged_at: Date;
  key_id: string;
  signature: string;
}

function purgePayload(purge: Pick<Purge, 'chain' | 'throughSeq' | 'hash' | 'cutoff' | 'purged' | 'purgedAt'>): string {
  return sealPayload({
    kind: 'purge',
    chain: purge.chain,
    throughSeq: purge.throughSeq,
    hash: purge.hash,
    cutoff: purge.cutoff.toISOString(),
    purged: purge.purged,
    purgedAt: purge.purgedAt.toISOString(),
  });
}

const DAY_MS = 86_400_000;

/**
 * Removes audit records older than the retention period, a whole prefix of each chain at a time and only up
 * to a checkpoint, so that what remains still verifies: the signed purge record says where the chain resumes.
 * The records go in batches of AUDIT_RETENTION_BATCH, each its own short transaction.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly schedule: Periodic;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SealSigner) private readonly signer: SealSigner,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    this.schedule = new Periodic(settings.AUDIT_RETENTION_INTERVAL_SECONDS * 1000, () => this.purgeExpired(), (error) => this.logger.error({ msg: 'retention purge failed; will retry', error: loggableError(error) }));
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Purges, in each chain, the records older than the retention period up to the newest checkpoint before the first younger record. */
  async purgeExpired(now = new Date()): Promise<Purge[]> {
    const cutoff = new Date(now.getTime() - this.settings.AUDIT_RETENTION_DAYS * DAY_MS);
    const purges: Purge[] = [];
    for (const name of CHAIN_NAMES) {
      // Finishes a purge an earlier run began, so that the new purge's count is of records still there.
      await this.deleteRecorded(name);
      const purge = await this.recordPurge(name, cutoff);
      if (!purge) continue;
      const batches = await this.deleteRecorded(name);
      this.logger.log({ msg: 'expired audit records purged', chain: name, throughSeq: purge.throughSeq, purged: purge.purged, batches, cutoff: cutoff.toISOString() });
      purges.push(purge);
    }
    return purges;
  }

  /**
   * Writes the signed purge record first: from then on verification starts after its checkpoint, so the
   * records it covers may go in any number of batches, and a purge interrupted between them leaves a chain
   * that still verifies. Writers are not held up: appends take the head lock, this takes a lock of its own.
   */
  private async recordPurge(name: ChainName, cutoff: Date): Promise<Purge | null> {
    const chain = CHAINS[name];
    return this.dataSource.transaction(async (manager) => {
      // One purge record at a time per chain, whichever replica writes it.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit-retention:' || $1))`, [name]);
      const [firstKept] = (await manager.query(`SELECT seq FROM ${chain.table} WHERE ${chain.occurredAt} >= $1 ORDER BY seq LIMIT 1`, [cutoff])) as { seq: string }[];
      const [boundary] = (await manager.query(
        `SELECT seq, hash FROM chain_checkpoints
          WHERE chain = $1 AND ($2::bigint IS NULL OR seq < $2) AND seq > COALESCE((SELECT max(through_seq) FROM chain_purges WHERE chain = $1), 0)
          ORDER BY seq DESC LIMIT 1`,
        [name, firstKept?.seq ?? null],
      )) as { seq: string; hash: string }[];
      if (!boundary) return null;
      const [{ purged }] = (await manager.query(`SELECT count(*)::text AS purged FROM ${chain.table} WHERE seq <= $1`, [boundary.seq])) as [{ purged: string }];
      const purgedAt = new Date();
      const fields = { chain: name, throughSeq: boundary.seq, hash: boundary.hash, cutoff, purged, purgedAt };
      const [row] = (await manager.query(
        `INSERT INTO chain_purges (chain, through_seq, hash, cutoff, purged, purged_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [name, boundary.seq, boundary.hash, cutoff, purged, purgedAt, this.signer.keyId, this.signer.sign(purgePayload(fields))],
      )) as PurgeRow[];
      return fromRow(row as PurgeRow);
    });
  }

  /** Deletes what the chain's latest purge record covers, at most AUDIT_RETENTION_BATCH records per transaction; returns the number of batches. */
  private async deleteRecorded(name: ChainName): Promise<number> {
    const batch = this.settings.AUDIT_RETENTION_BATCH;
    let batches = 0;
    for (;;) {
      const [{ deleted }] = (await this.dataSource.query(`SELECT purge_chain_batch($1, $2)::int AS deleted`, [name, batch])) as [{ deleted: number }];
      if (deleted > 0) batches += 1;
      if (deleted < batch) return batches;
    }
  }

  async lastPurge(chain: ChainName, manager: EntityManager | DataSource = this.dataSource): Promise<Purge | null> {
    const [row] = (await manager.query(`SELECT * FROM chain_purges WHERE chain = $1 ORDER BY through_seq DESC LIMIT 1`, [chain])) as PurgeRow[];
    return row ? fromRow(row) : null;
  }
  isGenuine(purge: Purge): boolean {
    return this.signer.verify(purgePayload(purge), purge.keyId, purge.signature);
  }
}

function fromRow(row: PurgeRow): Purge {
  return {
    id: row.id,
    chain: row.chain,
    throughSeq: row.through_seq,
    hash: row.hash,
    cutoff: row.cutoff,
    purged: row.purged,
    purgedAt: row.purged_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}
