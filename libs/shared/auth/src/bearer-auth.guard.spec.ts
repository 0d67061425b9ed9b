import { HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokenVerifier } from './access-tokens';
import { AllowServiceScope, PublicRoute, RequireRoles } from './auth.decorators';
import { BearerAuthGuard } from './bearer-auth.guard';
import type { Principal, ServiceCaller } from './principal';
import { DISCLOSURE_READ_SCOPE, publicJwks, ServiceTokenSigner, ServiceTokenVerifier, SERVICE_TOKEN_MAX_AGE_SECONDS } from './service-tokens';

const IDP = 'https://identity.example';
const CONTACTS = 'urn:registry:service:contacts';
const AUDIENCE = 'registry-sharing';

class Routes {
  @RequireRoles('admin') @AllowServiceScope(DISCLOSURE_READ_SCOPE) holdings() {
    return 'holdings';
  }
  @RequireRoles('admin') companies() {
    return 'companies';
  }
  @RequireRoles('company') read() {
    return 'read';
  }
  @PublicRoute() notice() {
    return 'notice';
  }
  closed() {
    return 'closed';
  }
}

interface Request {
  headers: Record<string, string | undefined>;
  principal?: Principal;
  serviceCaller?: ServiceCaller;
}

const directory = mkdtempSync(join(tmpdir(), 'guard-'));
const asKeyObject = async (key: CryptoKey) => createPrivateKey({ key: (await exportJWK(key)) as never, format: 'jwk' });

describe('BearerAuthGuard', () => {
  let idpKey: CryptoKey;
  let contactsKey: KeyObject;
  let guard: BearerAuthGuard;
  let contacts: ServiceTokenSigner;
  const registered = new Set(['EVENTS-JP']);

  const person = (claims: JWTPayload, key: CryptoKey | KeyObject = idpKey) =>
    new SignJWT({ sub: 'user-1', ...claims }).setProtectedHeader({ alg: 'EdDSA', kid: 'idp-1' }).setIssuer(IDP).setAudience(AUDIENCE).setExpirationTime('5m').sign(key);

  async function call(route: keyof Routes, token?: string): Promise<{ request: Request; status?: number; code?: string }> {
    const request: Request = { headers: token ? { authorization: `Bearer ${token}` } : {} };
    const context = new ExecutionContextHost([request, {}], Routes, Routes.prototype[route]);
    context.setType('http');
    try {
      await guard.canActivate(context);
      return { request };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return { request, status: error.getStatus(), code: (error.getResponse() as { code: string }).code };
    }
  }

  beforeAll(async () => {
    const idp = await generateKeyPair('EdDSA', { extractable: true });
    idpKey = idp.privateKey;
    const idpJwks = join(directory, 'idp.json');
    writeFileSync(idpJwks, JSON.stringify({ keys: [{ ...(await exportJWK(idp.publicKey)), kid: 'idp-1' }] }));
    contactsKey = await asKeyObject((await generateKeyPair('EdDSA', { extractable: true })).privateKey);
    const contactsJwks = join(directory, 'contacts.json');
    writeFileSync(contactsJwks, JSON.stringify(await publicJwks(contactsKey)));
    contacts = new ServiceTokenSigner({ service: CONTACTS, privateKey: contactsKey });
    guard = new BearerAuthGuard(
      new Reflector(),
      new AccessTokenVerifier({ issuer: IDP, audience: AUDIENCE, jwksFile: idpJwks, roleClaim: 'registry_role', companyClaim: 'registry_company', clockToleranceSeconds: 30 }),
      { isRegistered: async (code) => registered.has(code) },
      new ServiceTokenVerifier({ issuer: CONTACTS, audience: AUDIENCE, jwksFile: contactsJwks, clockToleranceSeconds: 30 }),
    );
  });

  it('lets a registered company in and names it on the request', async () => {
    const { request, status } = await call('read', await person({ registry_role: 'company', registry_company: 'EVENTS-JP' }));
    expect(status).toBeUndefined();
    expect(request.principal).toEqual({ subject: 'user-1', role: 'company', companyCode: 'EVENTS-JP' });
  });

  it('refuses a company that is not in the register with 403 COMPANY_NOT_IN_REGISTER', async () => {
    expect(await call('read', await person({ registry_role: 'company', registry_company: 'UNKNOWN-JP' }))).toMatchObject({ status: 403, code: 'COMPANY_NOT_IN_REGISTER' });
  });

  it('refuses a lower-case company code with 401', async () => {
    expect(await call('read', await person({ registry_role: 'company', registry_company: 'events-jp' }))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses no token with 401, another role with 403, and a route that names no permission', async () => {
    expect(await call('read')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await call('companies', await person({ registry_role: 'company', registry_company: 'EVENTS-JP' }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await call('closed', await person({ registry_role: 'admin', registry_company: 'GROUP-HD' }))).toMatchObject({ status: 403 });
    expect((await call('notice')).status).toBeUndefined();
  });

  it('accepts contacts’ own token on a route that allows its scope, with the administrator it acts for', async () => {
    const token = await contacts.sign({ audience: AUDIENCE, scope: DISCLOSURE_READ_SCOPE, actingFor: 'privacy-officer' });
    const { request, status } = await call('holdings', token);
    expect(status).toBeUndefined();
    expect(request.serviceCaller).toEqual({ service: CONTACTS, scopes: [DISCLOSURE_READ_SCOPE], actingFor: 'privacy-officer' });
    expect(request.principal).toBeUndefined();
  });

  it('refuses contacts’ own token on a route that allows no service scope, such as an administrator’s', async () => {
    const token = await contacts.sign({ audience: AUDIENCE, scope: DISCLOSURE_READ_SCOPE });
    expect(await call('companies', token)).toMatchObject({ status: 403, code: 'SERVICE_TOKEN_NOT_ALLOWED' });
    expect(await call('read', token)).toMatchObject({ status: 403, code: 'SERVICE_TOKEN_NOT_ALLOWED' });
  });

  it('refuses contacts’ own token without the route’s scope, or for another service', async () => {
    expect(await call('holdings', await contacts.sign({ audience: AUDIENCE, scope: 'contacts:write' }))).toMatchObject({ status: 403, code: 'SCOPE_MISSING' });
    expect(await call('holdings', await contacts.sign({ audience: 'registry-audit', scope: DISCLOSURE_READ_SCOPE }))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses an administrator’s token made with contacts’ own key', async () => {
    const forged = await person({ registry_role: 'admin', registry_company: 'GROUP-HD' }, contactsKey);
    expect(await call('companies', forged)).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
    const asService = await new SignJWT({ sub: CONTACTS, scope: DISCLOSURE_READ_SCOPE, registry_role: 'admin', registry_company: 'GROUP-HD' })
      .setProtectedHeader({ alg: 'EdDSA', kid: (await publicJwks(contactsKey)).keys[0]?.kid })
      .setIssuer(CONTACTS)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(contactsKey);
    expect(await call('companies', asService)).toMatchObject({ status: 403, code: 'SERVICE_TOKEN_NOT_ALLOWED' });
  });

  it('refuses a service token older than its maximum age even if it has not expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await new SignJWT({ scope: DISCLOSURE_READ_SCOPE })
      .setProtectedHeader({ alg: 'EdDSA', kid: (await publicJwks(contactsKey)).keys[0]?.kid })
      .setIssuer(CONTACTS)
      .setSubject(CONTACTS)
      .setAudience(AUDIENCE)
      .setIssuedAt(now - SERVICE_TOKEN_MAX_AGE_SECONDS - 120)
      .setExpirationTime(now + 3600)
      .sign(contactsKey);
    expect(await call('holdings', old)).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });
});
