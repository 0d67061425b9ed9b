import jwt from 'jsonwebtoken';
import { ROLES, TOKEN_ISSUER, type Principal, type Role } from './principal';

export class InvalidTokenError extends Error {}

interface RegistryClaims {
  sub: string;
  role: Role;
  company: string;
}

/** Mints an HS256 JWT naming the caller's role and company. */
export function mintToken(principal: Principal, secret: string, ttlSeconds = 3600): string {
  const claims = { role: principal.role, company: principal.companyCode };
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    issuer: TOKEN_ISSUER,
    subject: principal.subject,
    expiresIn: ttlSeconds,
  });
}

/** Verifies signature, algorithm, issuer and expiry; returns whom the token speaks for. */
export function verifyToken(token: string, secret: string): Principal {
  let claims: Partial<RegistryClaims>;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER }) as Partial<RegistryClaims>;
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'token is invalid');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('token names no subject');
  if (!ROLES.includes(claims.role as Role)) throw new InvalidTokenError('token names no known role');
  if (typeof claims.company !== 'string' || claims.company === '') throw new InvalidTokenError('token names no company');
  return { subject: claims.sub, role: claims.role as Role, companyCode: claims.company };
}
