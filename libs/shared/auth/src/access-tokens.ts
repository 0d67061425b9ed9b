import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { COMPANY_CODE_PATTERN } from '@registry/contracts';
import { ACCEPTED_ALGORITHMS, keySetFrom, type KeySource } from './key-sources';
import { ROLES, type Principal, type Role } from './principal';

export class InvalidTokenError extends Error {}

/** How to trust the group's identity provider, and where its tokens put the registry's role and company. */
export interface IdentityProviderOptions extends KeySource {
  issuer: string;
  /** This service's audience: a token must name it in `aud`. */
  audience: string;
  /** The claim holding the role: a name, or a dotted path such as `realm_access.roles`; a string or an array of roles. */
  roleClaim: string;
  /** The claim holding the group company code: a name or a dotted path. */
  companyClaim: string;
  clockToleranceSeconds: number;
}

/** The settings names of IdentityProviderOptions, as CommonSettings holds them. */
export interface IdentityProviderSettings {
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL?: string;
  AUTH_JWKS_FILE?: string;
  AUTH_ROLE_CLAIM: string;
  AUTH_COMPANY_CLAIM: string;
  AUTH_CLOCK_TOLERANCE_SECONDS: number;
}

export function identityProviderOptions(settings: IdentityProviderSettings): IdentityProviderOptions {
  return {
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
    jwksUrl: settings.AUTH_JWKS_URL,
    jwksFile: settings.AUTH_JWKS_FILE,
    roleClaim: settings.AUTH_ROLE_CLAIM,
    companyClaim: settings.AUTH_COMPANY_CLAIM,
    clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}

/** A claim by its exact name (Entra ID's are URLs with dots), else by a dotted path into nested objects. */
export function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function roleOf(value: unknown, claim: string): Role {
  const candidates = Array.isArray(value) ? value : [value];
  const roles = [...new Set(candidates.filter((candidate): candidate is Role => ROLES.includes(candidate as Role)))];
  if (roles.length === 0) throw new InvalidTokenError(`token names no registry role in '${claim}' (one of ${ROLES.join(', ')})`);
  if (roles.length > 1) throw new InvalidTokenError(`token names more than one registry role in '${claim}' (${roles.join(', ')}); a caller acts in one role`);
  return roles[0] as Role;
}

/** Turns a jose verification failure into a sentence; anything else is not the token's fault and is rethrown. */
export function rejection(error: unknown): InvalidTokenError {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new InvalidTokenError(`claim '${error.claim}' is not acceptable: ${error.message}`);
  if (error instanceof errors.JOSEAlgNotAllowed) return new InvalidTokenError(`algorithm not accepted (only ${ACCEPTED_ALGORITHMS.join(', ')})`);
  if (error instanceof errors.JWKSNoMatchingKey) return new InvalidTokenError('token is signed with a key this service does not trust');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidTokenError('signature does not verify');
  if (error instanceof errors.JOSEError) return new InvalidTokenError(error.message);
  throw error;
}

/** Verifies the identity provider's access tokens: signature, algorithm, issuer, audience, expiry within the clock tolerance. */
export class AccessTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: IdentityProviderOptions) {
    this.keys = keySetFrom(options);
  }

  get issuer(): string {
    return this.options.issuer;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ACCEPTED_ALGORITHMS,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw rejection(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError('token names no subject');
    const role = roleOf(claimAt(payload, this.options.roleClaim), this.options.roleClaim);
    const company = claimAt(payload, this.options.companyClaim);
    if (typeof company !== 'string' || company === '') throw new InvalidTokenError(`token names no company in '${this.options.companyClaim}'`);
    // Codes are upper case by definition; a lower-case one is refused, never folded, so one company has one spelling.
    if (!COMPANY_CODE_PATTERN.test(company)) throw new InvalidTokenError(`'${this.options.companyClaim}' is not a group company code (upper-case letters, digits and hyphens)`);
    return { subject: payload.sub, role, companyCode: company };
  }
}
