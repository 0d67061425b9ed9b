// Reads a JWT's claims without verifying it: the desk only shows who is signed in and when the token ends.
// The services verify every token they are sent.

export type DeskRole = 'sales' | 'admin' | 'company';

export interface TokenClaims {
  sub: string;
  iss: string;
  exp: number;
  aud?: string | string[];
  nonce?: string;
  name?: string;
  registry_role?: string;
  registry_company?: string;
}

export function decodeJwtClaims(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('Not a JWT: it has no three parts');
  const json = new TextDecoder().decode(Uint8Array.from(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  const claims = JSON.parse(json) as Partial<TokenClaims>;
  if (typeof claims.sub !== 'string' || typeof claims.iss !== 'string' || typeof claims.exp !== 'number') throw new Error('The token lacks sub, iss or exp');
  return claims as TokenClaims;
}
