import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { recordKey } from '@registry/policy';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

export const RECORD_KEY_SETTINGS = Symbol('RECORD_KEY_SETTINGS');

export interface RecordKeySettings {
  /** Record keys are derived from it; when absent, from the secret drawn at installation and kept in the database. */
  secret?: string;
}

/** How many contacts are keyed per transaction when keys are missing. */
const KEYING_BATCH = 5_000;

/** Names a secret without revealing it: keys made under one secret are useless under another. */
export function secretFingerprint(secret: string): string {
  return createHmac('sha256', secret).update('statistics record keys').digest('hex');
}

/**
 * The record keys of the statistics' cell-key method, kept in shared_contacts.record_key so that the database can
 * sum them per cell. The secret is fixed for a process's life (a setting, or the one drawn at installation); the
 * column holds keys made under the secret statistics_record_keys names. A process with another secret (the setting
 * changed) empties the column and keys every contact again; contacts written without a key are keyed the same way.
 * Until that is done, statistics compute the missing keys themselves (keyedCells), so no answer depends on it.
 */
@Injectable()
export class RecordKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecordKeys.name);
  private secretInUse: Promise<{ secret: string; fingerprint: string }> | null = null;
  private keying: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RECORD_KEY_SETTINGS) private readonly settings: RecordKeySettings,
  ) {}

  onApplicationBootstrap(): void {
    // Keys contacts from before the column, or from before a change of secret, without holding up the start.
    void this.keyAll().catch((error: unknown) => this.logger.warn({ msg: 'record keys not brought up to date', error: String(error) }));
  }

  /** The secret record keys are made with, and its fingerprint. */
  async secret(manager: EntityManager = this.dataSource.manager): Promise<{ secret: string; fingerprint: string }> {
    this.secretInUse ??= this.readSecret(manager).catch((error: unknown) => {
      this.secretInUse = null;
      throw error;
    });
    return this.secretInUse;
  }

  /** A contact's record key and the fingerprint of the secret it was made with, for the projection to store. */
  async keyOf(manager: EntityManager, contactId: string): Promise<{ key: number; fingerprint: string }> {
    const { secret, fingerprint } = await this.secret(manager);
    return { key: recordKey(secret, contactId), fingerprint };
  }

  /** Brings every contact's record key up to date when some are missing or made under another secret. Cheap when none is. */
  async keyAll(): Promise<void> {
    const { fingerprint } = await this.secret();
    const [state] = (await this.dataSource.query(
      `SELECT secret_fingerprint IS NOT DISTINCT FROM $1 AS current, EXISTS (SELECT 1 FROM shared_contacts WHERE record_key IS NULL) AS unkeyed
         FROM statistics_record_keys WHERE id = 1`,
      [fingerprint],
    )) as { current: boolean; unkeyed: boolean }[];
    if (state?.current && !state.unkeyed) return;
    this.keying ??= this.rekey().finally(() => (this.keying = null));
    return this.keying;
  }

  private async rekey(): Promise<void> {
    const { secret, fingerprint } = await this.secret();
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT secret_fingerprint FROM statistics_record_keys WHERE id = 1 FOR UPDATE`)) as { secret_fingerprint: string | null }[];
      if (row?.secret_fingerprint === fingerprint) return;
      this.logger.log({ msg: 'statistics secret changed: record keys are made again' });
      await manager.query(`UPDATE shared_contacts SET record_key = NULL WHERE record_key IS NOT NULL`);
      await manager.query(`UPDATE statistics_record_keys SET secret_fingerprint = $1, updated_at = now() WHERE id = 1`, [fingerprint]);
    });
    let keyed = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT contact_id FROM shared_contacts WHERE record_key IS NULL LIMIT ${KEYING_BATCH} FOR UPDATE SKIP LOCKED`,
        )) as { contact_id: string }[];
        if (rows.length === 0) return true;
        // Written only while the secret named is still this one, so a change of secret meanwhile leaves no stale key.
        await manager.query(
          `UPDATE shared_contacts s SET record_key = k.record_key FROM unnest($1::uuid[], $2::bigint[]) AS k(contact_id, record_key)
            WHERE s.contact_id = k.contact_id AND (SELECT secret_fingerprint FROM statistics_record_keys WHERE id = 1) = $3`,
          [rows.map((row) => row.contact_id), rows.map((row) => recordKey(secret, row.contact_id)), fingerprint],
        );
        keyed += rows.length;
        return rows.length < KEYING_BATCH;
      });
      if (done) break;
    }
    if (keyed > 0) this.logger.log({ msg: 'statistics record keys made', contacts: keyed });
  }

  private async readSecret(manager: EntityManager): Promise<{ secret: string; fingerprint: string }> {
    let secret = this.settings.secret;
    if (!secret) {
      const [row] = (await manager.query(`SELECT secret FROM statistics_cell_key_secret WHERE id = 1`)) as { secret: string }[];
      if (!row) throw new Error('statistics_cell_key_secret holds no secret');
      secret = row.secret;
    }
    return { secret, fingerprint: secretFingerprint(secret) };
  }
}
