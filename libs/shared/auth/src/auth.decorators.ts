import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const REQUIRED_ROLES = 'registry:required-roles';
export const PUBLIC_ROUTE = 'registry:public-route';

/** The roles that may call a route. Every route names its roles or is marked @PublicRoute(). */
export const RequireRoles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);

/** A route anyone may call without a token: health, docs, the published notice. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.principal;
});
