import { calculateJwkThumbprint, exportJWK, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { InvalidTokenError, rejection } from './access-tokens';
import { ACCEPTED_ALGORITHMS, keySetFrom, type KeySource } from './key-sources';
import type { ServiceCaller } from './principal';

/** The scope with which contacts gathers a data subject's disclosure from sharing and audit. */
export const DISCLOSURE_READ_SCOPE = 'disclosure:read';

/** A service token lives this long; a receiving service refuses an older one whatever its `exp` says. */
export const SERVICE_TOKEN_MAX_AGE_SECONDS = 300;

/** Reads a private key given as PKCS#8 PEM, or as its DER in base64. */
export function readPrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  return trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed.replace(/\\n/g, '\n'))
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The JWS algorithm of a private key; only Ed25519, P-256 and RSA keys are accepted. */
export function algorithmOf(key: KeyObject): 'EdDSA' | 'ES256' | 'RS256' {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  throw new Error('the key must be Ed25519, EC P-256 or RSA of 2048 bits or more');
}

/** The public half of a signing key as a JWKS, for the services that trust it; the key id is its RFC 7638 thumbprint. */
export async function publicJwks(privateKey: KeyObject): Promise<JSONWebKeySet> {
  const jwk = await exportJWK(createPublicKey(privateKey));
  return { keys: [{ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: algorithmOf(privateKey), use: 'sig' }] };
}

export interface ServiceTokenSignerOptions {
  /** This service's name, used as the token's issuer and subject. */
  service: string;
  privateKey: KeyObject;
}

/** Signs the short-lived tokens with which this service calls another under its own identity. */
export class ServiceTokenSigner {
  private readonly algorithm: string;
  private keyId: Promise<string> | null = null;

  constructor(private readonly options: ServiceTokenSignerOptions) {
    this.algorithm = algorithmOf(options.privateKey);
  }

  async sign(request: { audience: string; scope: string; actingFor?: string; ttlSeconds?: number }): Promise<string> {
    this.keyId ??= publicJwks(this.options.privateKey).then((jwks) => String(jwks.keys[0]?.kid));
    const claims: JWTPayload = { scope: request.scope, ...(request.actingFor ? { act: { sub: request.actingFor } } : {}) };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: this.algorithm, kid: await this.keyId, typ: 'JWT' })
      .setIssuer(this.options.service)
      .setSubject(this.options.service)
      .setAudience(request.audience)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${Math.min(request.ttlSeconds ?? 120, SERVICE_TOKEN_MAX_AGE_SECONDS)}s`)
      .sign(this.options.privateKey);
  }
}

export interface ServiceCallerTrust extends KeySource {
  /** The calling service's name: its tokens' issuer and subject. */
  issuer: string;
  /** This service's audience. */
  audience: string;
  clockToleranceSeconds: number;
}

/** Verifies another service's tokens against that service's public keys only. */
export class ServiceTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly trust: ServiceCallerTrust) {
    this.keys = keySetFrom(trust);
  }

  get issuer(): string {
    return this.trust.issuer;
  }

  async verify(token: string): Promise<ServiceCaller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ACCEPTED_ALGORITHMS,
        issuer: this.trust.issuer,
        subject: this.trust.issuer,
        audience: this.trust.audience,
        clockTolerance: this.trust.clockToleranceSeconds,
        maxTokenAge: SERVICE_TOKEN_MAX_AGE_SECONDS,
        requiredClaims: ['exp', 'iat', 'scope'],
      }));
    } catch (error) {
      throw rejection(error);
    }
    if (typeof payload.scope !== 'string') throw new InvalidTokenError("claim 'scope' must be a space-separated string");
    const actor = (payload.act as { sub?: unknown } | undefined)?.sub;
    return { service: this.trust.issuer, scopes: payload.scope.split(' ').filter(Boolean), actingFor: typeof actor === 'string' ? actor : null };
  }
}

/** The trust in a calling service that ServiceCallerSettings describe, or none when no keys are given. */
export function serviceCallerTrust(settings: {
  AUTH_SERVICE_CALLER: string;
  AUTH_SERVICE_CALLER_JWKS_URL?: string;
  AUTH_SERVICE_CALLER_JWKS_FILE?: string;
  AUTH_AUDIENCE: string;
  AUTH_CLOCK_TOLERANCE_SECONDS: number;
}): ServiceCallerTrust | undefined {
  if (!settings.AUTH_SERVICE_CALLER_JWKS_URL && !settings.AUTH_SERVICE_CALLER_JWKS_FILE) return undefined;
  return {
    issuer: settings.AUTH_SERVICE_CALLER,
    audience: settings.AUTH_AUDIENCE,
    jwksUrl: settings.AUTH_SERVICE_CALLER_JWKS_URL,
    jwksFile: settings.AUTH_SERVICE_CALLER_JWKS_FILE,
    clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}
