import { ADMIN_ROUTES } from '../screens/admin/routes';
import { PRIVACY_ROUTES } from '../screens/privacy/routes';
import { SALES_ROUTES } from '../screens/sales/routes';
import { SECTIONS, type DeskRoute } from './desk-route';
import type { DeskRole } from '../auth/jwt-claims';
import { matchPath } from './router';

/** Every screen of the desk; each section keeps its own list in screens/<section>/routes.tsx. */
export const ROUTES: DeskRoute[] = [...SALES_ROUTES, ...PRIVACY_ROUTES, ...ADMIN_ROUTES];

export function routeFor(path: string, role: DeskRole): { route: DeskRoute; params: Record<string, string> } | 'forbidden' | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    const section = SECTIONS.find((s) => s.id === route.section);
    return section?.roles.includes(role) ? { route, params } : 'forbidden';
  }
  return null;
}

/** Where a person lands after signing in: the first screen of their first section. */
export function homeFor(role: DeskRole): string {
  const route = ROUTES.find((r) => r.nav && SECTIONS.find((s) => s.id === r.section)?.roles.includes(role));
  return route?.path ?? '/';
}
