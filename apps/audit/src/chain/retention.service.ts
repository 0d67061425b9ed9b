import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { loggableError } from '@registry/persistence';
import { DataSource } from 'typeorm';
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
      const purge = await this.purgeChain(name, cutoff);
      if (purge) purges.push(purge);
    }
    return purges;
  }

  private async purgeChain(name: ChainName, cutoff: Date): Promise<Purge | null> {
    const chain = CHAINS[name];
    return this.dataSource.transaction(async (manager) => {
      // One purge at a time per chain: the head lock also keeps writers out for the moment it takes.
      await manager.query(`SELECT 1 FROM chain_heads WHERE chain = $1 FOR UPDATE`, [name]);
      const [firstKept] = (await manager.query(`SELECT seq FROM ${chain.table} WHERE ${chain.occurredAt} >= $1 ORDER BY seq LIMIT 1`, [cutoff])) as { seq: string }[];
      const [boundary] = (await manager.query(
        `SELECT seq, hash FROM chain_checkpoints
          WHERE chain = $1 AND ($2::bigint IS NULL OR seq < $2) AND seq > COALESCE((SELECT max(through_seq) FROM chain_purges WHERE chain = $1), 0)
          ORDER BY seq DESC LIMIT 1`,
        [name, firstKept?.seq ?? null],
      )) as { seq: string; hash: string }[];
      if (!boundary) return null;
      const [{ purged }] = (await manager.query(`SELECT purge_chain_prefix($1, $2, $3) AS purged`, [name, boundary.seq, cutoff])) as [{ purged: string }];
      const purgedAt = new Date();
      const fields = { chain: name, throughSeq: boundary.seq, hash: boundary.hash, cutoff, purged: String(purged), purgedAt };
      const [row] = (await manager.query(
        `INSERT INTO chain_purges (chain, through_seq, hash, cutoff, purged, purged_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [name, boundary.seq, boundary.hash, cutoff, fields.purged, purgedAt, this.signer.keyId, this.signer.sign(purgePayload(fields))],
      )) as PurgeRow[];
      this.logger.log({ msg: 'expired audit records purged', chain: name, throughSeq: boundary.seq, purged: fields.purged, cutoff: cutoff.toISOString() });
      return fromRow(row as PurgeRow);
    });
  }

  async lastPurge(chain: ChainName): Promise<Purge | null> {
    const [row] = (await this.dataSource.query(`SELECT * FROM chain_purges WHERE chain = $1 ORDER BY through_seq DESC LIMIT 1`, [chain])) as PurgeRow[];
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
