import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CheckpointSealedEvent, Topics } from '@registry/contracts';
import { appendToOutbox } from '@registry/kafka';
import { loggableError } from '@registry/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AUDIT_SETTINGS } from '../config/audit-settings.provider';
import type { AuditSettings } from '../config/env.validation';
import { CHAIN_NAMES, type ChainName } from './chains';
import { Periodic } from '@registry/platform';
import { checkpointPayload as sealedCheckpointPayload } from './chain-hash';
import { SealSigner } from './seal-signer';

export interface Checkpoint {
  id: string;
  chain: ChainName;
  seq: string;
  hash: string;
  records: string;
  sealedAt: Date;
  keyId: string;
  signature: string;
}

interface CheckpointRow {
  id: string;
  chain: ChainName;
  seq: string;
  hash: string;
  records: string;
  sealed_at: Date;
  key_id: string;
  signature: string;
}

const fromRow = (row: CheckpointRow): Checkpoint => ({
  id: row.id,
  chain: row.chain,
  seq: row.seq,
  hash: row.hash,
  records: row.records,
  sealedAt: row.sealed_at,
  keyId: row.key_id,
  signature: row.signature,
});

/** What a checkpoint's signature covers. */
export function checkpointPayload(checkpoint: Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'records' | 'sealedAt'>): string {
  return sealedCheckpointPayload({ ...checkpoint, sealedAt: checkpoint.sealedAt.toISOString() });
}

/** The checkpoint as published on the checkpoints topic. */
export function checkpointEvent(checkpoint: Checkpoint): CheckpointSealedEvent {
  return {
    eventId: randomUUID(),
    occurredAt: checkpoint.sealedAt.toISOString(),
    schemaVersion: CheckpointSealedEvent.currentSchemaVersion,
    eventType: 'CheckpointSealed',
    checkpointId: checkpoint.id,
    chain: checkpoint.chain,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    records: checkpoint.records,
    sealedAt: checkpoint.sealedAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

/**
 * Seals each chain's head in a signed checkpoint at a fixed interval, when the head has moved. Someone who
 * truncates a chain's tail, or rewrites it and recomputes every hash after, cannot make the checkpoint agree.
 * Each checkpoint is also published on the checkpoints topic (kept forever), so a copy lives outside this database.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly schedule: Periodic;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SealSigner) private readonly signer: SealSigner,
    @Inject(AUDIT_SETTINGS) settings: AuditSettings,
  ) {
    this.schedule = new Periodic(settings.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000, () => this.sealAll(), (error) => this.logger.error({ msg: 'sealing checkpoints failed; will retry', error: loggableError(error) }));
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Seals every chain whose head has moved since its last checkpoint; returns the new checkpoints. */
  async sealAll(): Promise<Checkpoint[]> {
    const sealed: Checkpoint[] = [];
    for (const chain of CHAIN_NAMES) {
      const checkpoint = await this.dataSource.transaction((manager) => this.seal(manager, chain));
      if (checkpoint) sealed.push(checkpoint);
    }
    if (sealed.length > 0) this.logger.log({ msg: 'checkpoints sealed', checkpoints: sealed.map(({ chain, seq }) => ({ chain, seq })) });
    return sealed;
  }

  private async seal(manager: EntityManager, chain: ChainName): Promise<Checkpoint | null> {
    // Locks the head as writers do, so the sealed head is a committed one and no append runs meanwhile.
    const [head] = (await manager.query(`SELECT seq, hash, records FROM chain_heads WHERE chain = $1 FOR UPDATE`, [chain])) as { seq: string; hash: string; records: string }[];
    if (!head || head.seq === '0') return null;
    const [latest] = (await manager.query(`SELECT seq FROM chain_checkpoints WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain])) as { seq: string }[];
    if (latest?.seq === head.seq) return null;
    const sealedAt = new Date();
    const signature = this.signer.sign(checkpointPayload({ chain, seq: head.seq, hash: head.hash, records: head.records, sealedAt }));
    const [row] = (await manager.query(
      `INSERT INTO chain_checkpoints (chain, seq, hash, records, sealed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [chain, head.seq, head.hash, head.records, sealedAt, this.signer.keyId, signature],
    )) as CheckpointRow[];
    const checkpoint = fromRow(row as CheckpointRow);
    // Published through the outbox, in the same transaction: the checkpoint leaves the database if and only if it is committed.
    await appendToOutbox(manager, { topic: Topics.checkpoint, key: chain, event: checkpointEvent(checkpoint) });
    return checkpoint;
  }

  async list(chain: ChainName | undefined, limit: number): Promise<Checkpoint[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM chain_checkpoints WHERE ($1::text IS NULL OR chain = $1) ORDER BY sealed_at DESC, id DESC LIMIT $2`,
      [chain ?? null, limit],
    )) as CheckpointRow[];
    return rows.map(fromRow);
  }

  /** Checkpoints of a chain after a sequence number, oldest first. */
  async after(manager: EntityManager | DataSource, chain: ChainName, seq: string): Promise<Checkpoint[]> {
    const rows = (await manager.query(`SELECT * FROM chain_checkpoints WHERE chain = $1 AND seq > $2 ORDER BY seq`, [chain, seq])) as CheckpointRow[];
    return rows.map(fromRow);
  }

  /** The newest checkpoint of a chain at or before a sequence number. */
  async atOrBefore(chain: ChainName, seq: string, manager: EntityManager | DataSource = this.dataSource): Promise<Checkpoint | null> {
    const [row] = (await manager.query(`SELECT * FROM chain_checkpoints WHERE chain = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`, [chain, seq])) as CheckpointRow[];
    return row ? fromRow(row) : null;
  }

  isGenuine(checkpoint: Checkpoint): boolean {
    return this.signer.verify(checkpointPayload(checkpoint), checkpoint.keyId, checkpoint.signature);
  }
}
