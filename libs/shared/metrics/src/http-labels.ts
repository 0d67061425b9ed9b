/** The label of a request that matched no route: a 404 for any path, so that no path a caller sends becomes a series. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// A route template: literal segments and `:name` parameters (Fastify's form), nothing taken from a request.
const TEMPLATE = /^\/[\w\-.:/]*$/;

/**
 * The route label of a request: the template of the route that matched (`/shared-contacts/:id`), never the URL
 * as sent, so that ids and query strings never become labels. A template is cut at any query string or wildcard,
 * and anything that does not look like a template counts as unmatched.
 */
export function routeLabel(template: string | undefined | null): string {
  if (!template) return UNMATCHED_ROUTE;
  let route = template.split('?')[0] as string;
  const wildcard = route.indexOf('*');
  if (wildcard >= 0) route = `${route.slice(0, wildcard)}*`;
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);
  if (!TEMPLATE.test(route.replace(/\*$/, ''))) return UNMATCHED_ROUTE;
  return route;
}

/** The method label: one of the HTTP methods the services know, anything else as OTHER. */
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

/** The status class label: `2xx`, `4xx`, … */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}
