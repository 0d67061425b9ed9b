import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loggableError } from './loggable-error';
import { pruneProcessedEvents } from './processed-events';

export interface ProcessedEventsPruningOptions {
  /** PROCESSED_EVENTS_RETENTION_DAYS: how long a consumed event id is remembered. */
  retentionDays: number;
  /** How often the pruning runs; hourly by default. */
  intervalMs?: number;
  /** Most rows one delete removes; 5000 by default. */
  batchSize?: number;
}

const OPTIONS = Symbol('PROCESSED_EVENTS_PRUNING_OPTIONS');

/** Prunes processed_events on a schedule, one run at a time in this process (replicas may overlap safely). */
@Injectable()
export class ProcessedEventsPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProcessedEvents');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OPTIONS) private readonly options: ProcessedEventsPruningOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.prune()).catch((error: unknown) => this.logger.error({ msg: 'pruning processed events failed; will retry', error: loggableError(error) }));
    }, this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async prune(): Promise<number> {
    const pruned = await pruneProcessedEvents(this.dataSource, this.options.retentionDays, this.options.batchSize ?? 5000);
    if (pruned > 0) this.logger.log({ msg: 'processed event ids pruned', pruned, retentionDays: this.options.retentionDays });
    return pruned;
  }
}

@Module({})
export class ProcessedEventsPruningModule {
  static register(options: ProcessedEventsPruningOptions): DynamicModule {
    return { module: ProcessedEventsPruningModule, providers: [{ provide: OPTIONS, useValue: options }, ProcessedEventsPruner], exports: [ProcessedEventsPruner] };
  }
}
