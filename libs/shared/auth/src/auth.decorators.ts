import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role, ServiceCaller } from './principal';

export const REQUIRED_ROLES = 'registry:required-roles';
export const PUBLIC_ROUTE = 'registry:public-route';
export const SERVICE_SCOPE = 'registry:service-scope';

/** The roles that may call a route. Every route names its roles or is marked @PublicRoute(). */
export const RequireRoles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);

/** A route anyone may call without a token: health, docs, the published notice. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A route another registry service may also call with its own token, if that token carries this scope.
 * Only such routes accept a service token, and never in place of a role: it is no administrator.
 */
export const AllowServiceScope = (scope: string) => SetMetadata(SERVICE_SCOPE, scope);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without a person or company calling');
  return request.principal;
});

/** The calling service on a route that allows a service scope, or null when a person or company called. */
export const CurrentServiceCaller = createParamDecorator((_: unknown, context: ExecutionContext): ServiceCaller | null => {
  return context.switchToHttp().getRequest<{ serviceCaller?: ServiceCaller }>().serviceCaller ?? null;
});
