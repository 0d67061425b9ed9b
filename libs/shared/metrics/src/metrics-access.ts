import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'no-token' | 'wrong-token';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether a scrape may read /metrics: with no METRICS_TOKEN set, anyone who reaches the port may; with one,
 * only a request whose Authorization header is `Bearer <that token>`. Compared in constant time.
 */
export function metricsAccess(authorization: string | undefined, token: string | undefined): MetricsAccess {
  if (!token) return 'allowed';
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'no-token';
  return timingSafeEqual(digest(match[1] as string), digest(token)) ? 'allowed' : 'wrong-token';
}
