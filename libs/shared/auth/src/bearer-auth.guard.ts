import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import type { Principal, Role } from './principal';
import { InvalidTokenError, verifyToken } from './tokens';

export const AUTH_SECRET = Symbol('AUTH_SECRET');

/**
 * Global guard, deny by default: a route must be @PublicRoute() or name its roles with @RequireRoles().
 * No token or a bad one is 401; a valid token of another role is 403.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles) throw new ForbiddenException('This route names no permission and is closed');

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'];
    const match = header?.match(/^Bearer (\S+)$/);
    if (!match?.[1]) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <token>)');
    let principal: Principal;
    try {
      principal = verifyToken(match[1], this.secret);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`Bearer token rejected: ${error.message}`);
      throw error;
    }
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`Role '${principal.role}' may not call this route; it needs ${roles.map((r) => `'${r}'`).join(' or ')}`);
    }
    request.principal = principal;
    return true;
  }
}
