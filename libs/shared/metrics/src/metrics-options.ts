export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  /** The service label of every series. */
  service: string;
  /** METRICS_TOKEN: when set, /metrics wants it as a bearer token. */
  token?: string;
  /** The service has an outbox: report its backlog. */
  outbox?: boolean;
  /** The service consumes events and keeps malformed ones in `dead_letters`: report them, and its group's lag. */
  consumer?: { groupId: string; topics: readonly string[] };
  /** How long one reading of the consumer lag serves scrapes; 10 s unless given. */
  lagCacheMs?: number;
}
