// The development identity provider: the authorization code flow with PKCE, and what it refuses.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';

process.env.REGISTRY_DEV_DATA_DIR = mkdtempSync(join(tmpdir(), 'dev-idp-test-'));
const { startDevIdentityProvider, DESK_CLIENT_ID } = await import('./dev-identity-provider.mjs');

const REDIRECT = 'http://127.0.0.1:39999/auth/callback';
const verifierOf = () => randomBytes(32).toString('base64url');
const challengeOf = (verifier) => createHash('sha256').update(verifier).digest('base64url');

describe('the development identity provider', () => {
  let provider;
  before(async () => {
    provider = await startDevIdentityProvider({ port: 0, redirectUris: [REDIRECT], tokenTtlSeconds: 600 });
  });
  after(() => provider.close());

  const authorize = (overrides = {}) => {
    const params = new URLSearchParams({ response_type: 'code', client_id: DESK_CLIENT_ID, redirect_uri: REDIRECT, code_challenge_method: 'S256', state: 'st-1', nonce: 'n-1', scope: 'openid', ...overrides });
    return params;
  };

  /** Signs in as a person on the authorize page's form; returns the redirect's query. */
  const codeFor = async (verifier, person = 'sales-staffing-jp') => {
    const form = authorize({ code_challenge: challengeOf(verifier) });
    form.set('person', person);
    const response = await fetch(`${provider.url}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location'));
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'st-1');
    return location.searchParams.get('code');
  };

  const token = (code, verifier, overrides = {}) =>
    fetch(`${provider.url}/token`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:39999' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: DESK_CLIENT_ID, redirect_uri: REDIRECT, ...overrides }),
    });

  it('publishes a discovery document naming the issuer the services trust and S256 only', async () => {
    const discovery = await (await fetch(`${provider.url}/.well-known/openid-configuration`)).json();
    assert.equal(discovery.issuer, 'urn:registry:dev-identity-provider');
    assert.equal(discovery.token_endpoint, `${provider.url}/token`);
    assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
  });

  it('shows a page to pick a person, and issues the tokens `npm run token` would for them', async () => {
    const pageResponse = await fetch(`${provider.url}/authorize?${authorize({ code_challenge: challengeOf(verifierOf()) })}`);
    const html = await pageResponse.text();
    assert.equal(pageResponse.status, 200);
    assert.match(html, /Development has a local sign-in/);
    assert.match(html, /admin-group-hd/);

    const verifier = verifierOf();
    const response = await token(await codeFor(verifier), verifier);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://127.0.0.1:39999');
    const body = await response.json();
    assert.equal(body.token_type, 'Bearer');
    const keys = createLocalJWKSet(JSON.parse(readFileSync(provider.jwksFile, 'utf8')));
    const { payload } = await jwtVerify(body.access_token, keys, { issuer: provider.issuer, audience: 'registry-contacts' });
    assert.deepEqual(payload.aud, ['registry-contacts', 'registry-sharing', 'registry-audit']);
    assert.equal(payload.sub, 'sales-staffing-jp');
    assert.equal(payload.registry_role, 'sales');
    assert.equal(payload.registry_company, 'STAFFING-JP');
    const idToken = await jwtVerify(body.id_token, keys, { issuer: provider.issuer, audience: DESK_CLIENT_ID });
    assert.equal(idToken.payload.nonce, 'n-1');
  });

  it('refuses a wrong code verifier, and the code is spent by that attempt', async () => {
    const verifier = verifierOf();
    const code = await codeFor(verifier);
    const wrong = await token(code, verifierOf());
    assert.equal(wrong.status, 400);
    assert.equal((await wrong.json()).error, 'invalid_grant');
    const retried = await token(code, verifier);
    assert.equal(retried.status, 400);
    assert.equal((await retried.json()).error, 'invalid_grant');
  });

  it('refuses a code used twice', async () => {
    const verifier = verifierOf();
    const code = await codeFor(verifier, 'admin-group-hd');
    assert.equal((await token(code, verifier)).status, 200);
    const again = await token(code, verifier);
    assert.equal(again.status, 400);
    assert.deepEqual(await again.json(), { error: 'invalid_grant', error_description: 'The authorization code is unknown, expired or already used.' });
  });

  it('refuses a code presented with another redirect URI', async () => {
    const verifier = verifierOf();
    const response = await token(await codeFor(verifier), verifier, { redirect_uri: 'http://127.0.0.1:39999/elsewhere' });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error, 'invalid_grant');
  });

  it('sends nobody to an unregistered redirect URI, and asks for PKCE', async () => {
    const foreign = await fetch(`${provider.url}/authorize?${authorize({ redirect_uri: 'https://attacker.example/cb', code_challenge: challengeOf(verifierOf()) })}`, { redirect: 'manual' });
    assert.equal(foreign.status, 400);
    assert.match(await foreign.text(), /is not registered/);
    const plain = await fetch(`${provider.url}/authorize?${authorize({ code_challenge: verifierOf(), code_challenge_method: 'plain' })}`, { redirect: 'manual' });
    assert.equal(plain.status, 302);
    const location = new URL(plain.headers.get('location'));
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.equal(location.searchParams.get('code'), null);
  });
});
