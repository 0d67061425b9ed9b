import { createHash } from 'node:crypto';
import { authorizationUrl, completeSignIn, type DeskConfig } from './oidc';
import { MemoryStorage } from '../testing/memory-storage';

const config: DeskConfig = {
  issuer: 'urn:registry:dev-identity-provider',
  authorizationEndpoint: 'http://127.0.0.1:3009/authorize',
  tokenEndpoint: 'http://127.0.0.1:3009/token',
  clientId: 'registry-desk',
  redirectPath: '/auth/callback',
};
const origin = 'http://127.0.0.1:3000';

describe('the authorization request', () => {
  it('asks for a code with an S256 challenge of a verifier kept in the tab', async () => {
    const storage = new MemoryStorage();
    const url = new URL(await authorizationUrl(config, origin, '/sales/contacts', storage));
    const pending = JSON.parse(storage.getItem('desk.pending-sign-in') ?? '{}');
    expect(`${url.origin}${url.pathname}`).toBe(config.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'registry-desk',
      redirect_uri: 'http://127.0.0.1:3000/auth/callback',
      scope: 'openid',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    // The verifier itself never leaves the tab.
    expect(url.toString()).not.toContain(pending.verifier);
    expect(pending.returnTo).toBe('/sales/contacts');
  });

  it('makes a new state, nonce and verifier for every sign-in', async () => {
    const storage = new MemoryStorage();
    await authorizationUrl(config, origin, '/', storage);
    const first = storage.getItem('desk.pending-sign-in');
    await authorizationUrl(config, origin, '/', storage);
    const second = JSON.parse(storage.getItem('desk.pending-sign-in') ?? '{}');
    const before = JSON.parse(first ?? '{}');
    expect(second.state).not.toBe(before.state);
    expect(second.nonce).not.toBe(before.nonce);
    expect(second.verifier).not.toBe(before.verifier);
  });
});

describe('the answer to the authorization request', () => {
  const neverCalled = (() => {
    throw new Error('the token endpoint must not be called');
  }) as unknown as typeof fetch;

  it('is refused, without redeeming the code, when its state is not this tab’s', async () => {
    const storage = new MemoryStorage();
    await authorizationUrl(config, origin, '/', storage);
    await expect(completeSignIn(config, new URL(`${origin}/auth/callback?code=c&state=forged`), storage, neverCalled)).rejects.toThrow('state differs');
    // The pending sign-in is spent: the same answer cannot be tried again.
    expect(storage.getItem('desk.pending-sign-in')).toBeNull();
  });

  it('is refused when no sign-in was started in this tab', async () => {
    await expect(completeSignIn(config, new URL(`${origin}/auth/callback?code=c&state=s`), new MemoryStorage(), neverCalled)).rejects.toThrow('not started in this tab');
  });

  it('reports the provider’s refusal in its words', async () => {
    const storage = new MemoryStorage();
    await authorizationUrl(config, origin, '/', storage);
    await expect(
      completeSignIn(config, new URL(`${origin}/auth/callback?error=access_denied&error_description=The+person+declined`), storage, neverCalled),
    ).rejects.toThrow('The person declined');
  });
});
