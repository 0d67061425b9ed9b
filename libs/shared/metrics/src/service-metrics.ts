import { Logger } from '@nestjs/common';
import { loggableError } from '@registry/persistence';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Cached } from './cached';
import { methodLabel, routeLabel, statusClass } from './http-labels';

/** Where a scrape-time reading comes from; `registry_metrics_source_up` says whether the last one answered. */
export type MetricsSource = 'database' | 'kafka';

/** Request latency buckets, in seconds: from a cached read to a slow disclosure. */
export const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const WARN_EVERY_MS = 60_000;

/**
 * A service's metrics: its own registry (labelled with the service), Node's process metrics, request latency by
 * route template, the dead-letter counter, and gauges whose values are read at scrape time. No label ever holds
 * a person's data or an id: routes are templates, topics and groups are names the registry chose.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly httpLatency: Histogram<'route' | 'method' | 'status_class'>;
  private readonly deadLetteredCounter: Counter<'topic'>;
  private readonly readings: { source: MetricsSource; read: () => Promise<unknown> }[] = [];
  private readonly lastWarned = new Map<string, number>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpLatency = new Histogram({
      name: 'registry_http_request_duration_seconds',
      help: 'HTTP request latency by route template, method and status class.',
      labelNames: ['route', 'method', 'status_class'],
      buckets: HTTP_LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.deadLetteredCounter = new Counter({
      name: 'registry_dead_lettered_messages_total',
      help: 'Malformed messages this process dead-lettered since it started, by topic.',
      labelNames: ['topic'],
      registers: [this.registry],
    });
    const readings = this.readings;
    const warn = (source: MetricsSource, error: unknown) => this.warnNowAndThen(source, error);
    new Gauge({
      name: 'registry_metrics_source_up',
      help: 'Whether the last scrape-time reading from the source answered (1) or failed (0); its gauges are empty while it fails.',
      labelNames: ['source'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const up = new Map<MetricsSource, boolean>();
        await Promise.all(
          readings.map(async ({ source, read }) => {
            const ok = await read().then(
              () => true,
              (error: unknown) => {
                warn(source, error);
                return false;
              },
            );
            up.set(source, (up.get(source) ?? true) && ok);
          }),
        );
        for (const [source, ok] of up) this.set({ source }, ok ? 1 : 0);
      },
    });
  }

  /** Records a finished request: the route's template (never its URL), the method and the class of the status. */
  observeRequest(routeTemplate: string | undefined, method: string, status: number, seconds: number): void {
    this.httpLatency.observe({ route: routeLabel(routeTemplate), method: methodLabel(method), status_class: statusClass(status) }, seconds);
  }

  /** Counts a message the service's consumer dead-lettered. */
  readonly countDeadLetter = (topic: string): void => {
    this.deadLetteredCounter.inc({ topic });
  };

  /**
   * A reading taken at most once per `cacheMs` at scrape time, shared by the gauges that show it. Several
   * replicas each read the same database or broker, so each reports the whole service, not only itself.
   */
  reading<T>(source: MetricsSource, cacheMs: number, read: () => Promise<T>): () => Promise<T> {
    const cached = new Cached(cacheMs, read);
    const get = () => cached.get();
    this.readings.push({ source, read: get });
    return get;
  }

  /** A gauge set from a reading at each scrape; empty when the reading fails (and its source is reported down). */
  gaugeFrom<T, L extends string>(
    config: { name: string; help: string; labelNames?: readonly L[] },
    reading: () => Promise<T>,
    set: (gauge: Gauge<L>, value: T) => void,
  ): Gauge<L> {
    return new Gauge<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        let value: T;
        try {
          value = await reading();
        } catch {
          // registry_metrics_source_up reports it and logs it.
          return;
        }
        set(this, value);
      },
    });
  }

  private warnNowAndThen(source: MetricsSource, error: unknown): void {
    const now = Date.now();
    if (now - (this.lastWarned.get(source) ?? 0) < WARN_EVERY_MS) return;
    this.lastWarned.set(source, now);
    this.logger.warn({ msg: 'a metrics reading failed; its gauges are empty until it answers', source, error: loggableError(error) });
  }
}
