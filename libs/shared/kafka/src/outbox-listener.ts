import { Logger } from '@nestjs/common';
import type { Notification } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { loggableError } from '@registry/persistence';
import { OUTBOX_CHANNEL } from './outbox';

interface ListeningClient {
  on(event: 'notification', listener: (message: Notification) => void): unknown;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * Holds a connection of its own that LISTENs on the outbox channel and calls `onWake` for every notification,
 * so that a committed outbox row is published at once instead of at the next poll. The notifications are a
 * hint, never the only way: the relay's poll still finds every row. A dropped connection is replaced after
 * `retryMs`; once listening again it wakes the relay, since notifications sent meanwhile are lost.
 */
export class OutboxListener {
  private readonly logger = new Logger('OutboxListener');
  private runner: QueryRunner | null = null;
  private client: ListeningClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly applicationName: string,
    private readonly retryMs: number,
    private readonly onWake: () => void,
  ) {}

  /** True while a connection is listening. */
  isListening(): boolean {
    return this.client !== null;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.connectNow();
  }

  async stop(): Promise<void> {
    this.active = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.connecting;
    await this.disconnect(true);
  }

  private readonly onNotification = (): void => this.onWake();

  private readonly onDropped = (error?: Error): void => {
    if (!this.client) return;
    this.logger.warn({ msg: 'outbox listener lost its connection; the poll carries on until it is back', error: error ? loggableError(error) : undefined, retryInMs: this.retryMs });
    void this.disconnect(false).then(() => this.scheduleRetry());
  };

  private connectNow(): void {
    if (this.connecting) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    if (!this.active || this.client) return;
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    try {
      const client = (await runner.connect()) as ListeningClient;
      client.on('notification', this.onNotification);
      client.on('error', this.onDropped);
      client.on('end', this.onDropped);
      this.client = client;
      await runner.query(`LISTEN ${OUTBOX_CHANNEL}`);
      await runner.query(`SELECT set_config('application_name', $1, false)`, [this.applicationName]);
    } catch (error) {
      this.logger.warn({ msg: 'outbox listener cannot listen; the poll carries on', error: loggableError(error), retryInMs: this.retryMs });
      await this.disconnect(false);
      this.scheduleRetry();
      return;
    }
    if (!this.active) {
      await this.disconnect(true);
      return;
    }
    // Rows committed while nobody listened are found by this wake-up rather than by the next poll.
    this.onWake();
  }

  private scheduleRetry(): void {
    if (!this.active || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connectNow();
    }, this.retryMs);
  }

  private async disconnect(clean: boolean): Promise<void> {
    const runner = this.runner;
    const client = this.client;
    this.runner = null;
    this.client = null;
    if (!runner) return;
    client?.removeListener('notification', this.onNotification);
    client?.removeListener('error', this.onDropped);
    client?.removeListener('end', this.onDropped);
    if (clean && client) {
      // The connection goes back to the pool: it must stop listening there.
      await runner.query(`UNLISTEN *`).catch(() => undefined);
      await runner.query(`RESET application_name`).catch(() => undefined);
    }
    await runner.release().catch(() => undefined);
  }
}
