import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { decodeJwt } from 'jose';
import { InvalidTokenError, type AccessTokenVerifier } from './access-tokens';
import { PUBLIC_ROUTE, REQUIRED_ROLES, SERVICE_SCOPE } from './auth.decorators';
import { AuthRefusal } from './auth-refusal';
import type { CompanyRegisterCheck } from './company-register';
import type { Principal, Role, ServiceCaller } from './principal';
import type { ServiceTokenVerifier } from './service-tokens';

interface AuthenticatedRequest {
  headers: Record<string, string | undefined>;
  principal?: Principal;
  serviceCaller?: ServiceCaller;
}

/**
 * Global guard, deny by default: a route must be @PublicRoute() or name its roles with @RequireRoles().
 * No token or a bad one is 401; a valid token of another role, or of a company not in the register, is 403.
 * A registry service's own token is accepted only on a route that allows its scope.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('BearerAuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly identity: AccessTokenVerifier,
    private readonly register: CompanyRegisterCheck,
    private readonly serviceCallers: ServiceTokenVerifier | null,
  ) {
    if (serviceCallers && serviceCallers.issuer === identity.issuer) {
      throw new Error('A calling service must have an issuer of its own, not the identity provider’s');
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles) throw new AuthRefusal(403, 'FORBIDDEN', 'This route names no permission and is closed');
    const serviceScope = this.reflector.getAllAndOverride<string | undefined>(SERVICE_SCOPE, targets);

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = request.headers['authorization']?.match(/^Bearer (\S+)$/)?.[1];
    if (!token) throw new AuthRefusal(401, 'UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <token>)');

    const serviceCallers = this.serviceCallers;
    if (serviceCallers && this.issuerOf(token) === serviceCallers.issuer) {
      const caller = await this.verified(() => serviceCallers.verify(token));
      if (!serviceScope) throw new AuthRefusal(403, 'SERVICE_TOKEN_NOT_ALLOWED', `A service token of '${caller.service}' is not accepted on this route`);
      if (!caller.scopes.includes(serviceScope)) throw new AuthRefusal(403, 'SCOPE_MISSING', `This route needs the scope '${serviceScope}'`);
      request.serviceCaller = caller;
      // For the record: which service called, and for whom.
      this.logger.log({ msg: 'service call', service: caller.service, scope: serviceScope, actingFor: caller.actingFor });
      return true;
    }

    const principal = await this.verified(() => this.identity.verify(token));
    if (!roles.includes(principal.role)) {
      throw new AuthRefusal(403, 'FORBIDDEN', `Role '${principal.role}' may not call this route; it needs ${roles.map((r) => `'${r}'`).join(' or ')}`);
    }
    // The administrator keeps the register, so its own entry cannot be a precondition; staff and companies act for a member.
    if (principal.role !== 'admin' && !(await this.register.isRegistered(principal.companyCode))) {
      // A valid token for a company the register does not name: the identity provider and the register disagree.
      this.logger.warn({ msg: 'token names a company not in the register', subject: principal.subject, role: principal.role, companyCode: principal.companyCode });
      throw new AuthRefusal(403, 'COMPANY_NOT_IN_REGISTER', `Company '${principal.companyCode}' is not in the group company register`);
    }
    request.principal = principal;
    return true;
  }

  private issuerOf(token: string): string | undefined {
    try {
      return decodeJwt(token).iss;
    } catch {
      throw new AuthRefusal(401, 'INVALID_TOKEN', 'Bearer token rejected: it is not a JWT');
    }
  }

  private async verified<T>(verify: () => Promise<T>): Promise<T> {
    try {
      return await verify();
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new AuthRefusal(401, 'INVALID_TOKEN', `Bearer token rejected: ${error.message}`);
      throw error;
    }
  }
}
