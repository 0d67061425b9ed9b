#!/usr/bin/env node
// The local identity provider for development and tests: OpenID Connect authorization code flow with PKCE (S256)
// for the desk. A developer picks a person on its sign-in page; the access token it issues is the very token
// `npm run token` mints (tools/dev-secret.mjs: same key, issuer, audiences and claims), so the services accept it.
// Development only: it asks for no password.
//   PORT (3009), HOST (127.0.0.1), DEV_IDP_REDIRECT_URIS (comma-separated, the desk's callback URLs),
//   DEV_IDP_TOKEN_TTL_SECONDS (3600); the key lives in .data/ (or REGISTRY_DEV_DATA_DIR).
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { devIdentityProvider, mintDevToken } from './dev-secret.mjs';

export const DESK_CLIENT_ID = 'registry-desk';

/** The people a developer can sign in as: sales staff of group companies, the privacy office and the administrator. */
export const DEV_PEOPLE = [
  { id: 'sales-staffing-jp', role: 'sales', company: 'STAFFING-JP', name: '佐藤 花子', label: 'Sales staff, Group Staffing KK (STAFFING-JP)', labelJa: '営業担当・グループスタッフィング' },
  { id: 'sales-events-jp', role: 'sales', company: 'EVENTS-JP', name: '鈴木 一郎', label: 'Sales staff, Group Events KK (EVENTS-JP)', labelJa: '営業担当・グループイベンツ' },
  { id: 'privacy-office-group-hd', role: 'admin', company: 'GROUP-HD', name: '高橋 美咲', label: 'Privacy office, holding company (GROUP-HD)', labelJa: '個人情報保護室' },
  { id: 'admin-group-hd', role: 'admin', company: 'GROUP-HD', name: '田中 健', label: 'Administrator, holding company (GROUP-HD)', labelJa: '管理者' },
];

const CODE_LIFETIME_MS = 60_000;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** base64url(SHA-256(verifier)): the S256 code challenge of RFC 7636. */
export const s256 = (verifier) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * The provider as a Node HTTP server (not yet listening). `baseUrl()` tells the URL it is reached at, once known.
 * Codes live in this process's memory: one use each, for a minute.
 */
export function createDevIdentityProvider({ redirectUris, tokenTtlSeconds = 3600, people = DEV_PEOPLE, baseUrl }) {
  const identity = devIdentityProvider();
  const jwks = JSON.parse(readFileSync(identity.jwksFile, 'utf8'));
  const signingKey = createPrivateKey({ key: Buffer.from(identity.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const allowedOrigins = new Set(redirectUris.map((uri) => new URL(uri).origin));
  const codes = new Map();

  const discovery = () => ({
    issuer: identity.issuer,
    authorization_endpoint: `${baseUrl()}/authorize`,
    token_endpoint: `${baseUrl()}/token`,
    jwks_uri: `${baseUrl()}/jwks.json`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['EdDSA'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid'],
  });

  /** Checks an authorization request; a bad client or redirect URI is shown here, never sent anywhere. */
  function authorizationRequest(params) {
    const request = Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'state', 'nonce', 'scope'].map((k) => [k, params.get(k) ?? '']));
    if (request.client_id !== DESK_CLIENT_ID) return { fatal: `Unknown client_id "${request.client_id}".` };
    if (!redirectUris.includes(request.redirect_uri)) return { fatal: `redirect_uri "${request.redirect_uri}" is not registered for ${DESK_CLIENT_ID}.` };
    if (request.response_type !== 'code') return { request, error: 'unsupported_response_type', description: 'Only response_type=code is supported.' };
    if (request.code_challenge_method !== 'S256' || !CHALLENGE.test(request.code_challenge)) {
      return { request, error: 'invalid_request', description: 'PKCE is required: code_challenge (43 base64url characters) with code_challenge_method=S256.' };
    }
    if (!request.state) return { request, error: 'invalid_request', description: 'state is required.' };
    if (!request.scope.split(' ').includes('openid')) return { request, error: 'invalid_scope', description: 'The scope must include openid.' };
    return { request };
  }

  const redirectWith = (res, redirectUri, params) => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) if (v) target.searchParams.set(k, v);
    res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' }).end();
  };

  const page = (res, status, title, body) => {
    res
      .writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + [...allowedOrigins].join(' ') + "; frame-ancestors 'none'; base-uri 'none'",
        'x-content-type-options': 'nosniff',
      })
      .end(
        `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/sign-in.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>` +
          `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
      );
  };

  function signInPage(res, request) {
    const hidden = Object.entries(request)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
      .join('');
    const choices = people
      .map(
        (person, i) =>
          `<label class="person"><input type="radio" name="person" value="${escapeHtml(person.id)}"${i === 0 ? ' checked' : ''}>` +
          `<span><strong lang="ja">${escapeHtml(person.name)}</strong> · <span lang="ja">${escapeHtml(person.labelJa)}</span><br>` +
          `<span class="muted">${escapeHtml(person.label)} — role <code>${person.role}</code>, subject <code>${escapeHtml(person.id)}</code></span></span></label>`,
      )
      .join('');
    page(
      res,
      200,
      '開発用サインイン · Development sign-in',
      `<p>Development has a local sign-in: pick the person to act as. No password is asked; this provider is for development and tests only.</p>` +
        `<form method="post" action="/authorize">${hidden}<fieldset><legend>Sign in as / サインインする人</legend>${choices}</fieldset>` +
        `<button type="submit">Sign in / サインイン</button></form>`,
    );
  }

  async function issueTokens(res, form) {
    const fail = (error, description, status = 400) =>
      json(res, status, { error, error_description: description });
    if (form.get('grant_type') !== 'authorization_code') return fail('unsupported_grant_type', 'Only grant_type=authorization_code is supported.');
    const code = form.get('code') ?? '';
    const grant = codes.get(code);
    if (!grant) return fail('invalid_grant', 'The authorization code is unknown, expired or already used.');
    // One use only (RFC 6749 4.1.2): the first attempt spends it, whatever its outcome.
    codes.delete(code);
    if (Date.now() > grant.expiresAt) return fail('invalid_grant', 'The authorization code has expired.');
    if (form.get('client_id') !== grant.clientId) return fail('invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== grant.redirectUri) return fail('invalid_grant', 'redirect_uri differs from the one of the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    if (!VERIFIER.test(verifier)) return fail('invalid_request', 'code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~].');
    if (s256(verifier) !== grant.codeChallenge) return fail('invalid_grant', 'code_verifier does not match the code_challenge.');
    const { person } = grant;
    const accessToken = await mintDevToken(person.role, person.company, person.id, tokenTtlSeconds);
    const idToken = await new SignJWT({ nonce: grant.nonce || undefined, name: person.name, registry_role: person.role, registry_company: person.company })
      .setProtectedHeader({ alg: 'EdDSA', kid: jwks.keys[0].kid, typ: 'JWT' })
      .setIssuer(identity.issuer)
      .setAudience(grant.clientId)
      .setSubject(person.id)
      .setIssuedAt()
      .setExpirationTime(`${tokenTtlSeconds}s`)
      .sign(signingKey);
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: tokenTtlSeconds, id_token: idToken, scope: 'openid' });
  }

  function json(res, status, body) {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' }).end(JSON.stringify(body));
  }

  const readForm = (req) =>
    new Promise((resolve, reject) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => {
        body += chunk;
        if (body.length > 16_384) reject(new Error('too large'));
      });
      req.on('end', () => resolve(new URLSearchParams(body)));
      req.on('error', reject);
    });

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://idp.invalid');
      const origin = req.headers.origin;
      // The desk's browser app calls the token endpoint from its own origin.
      if (origin && allowedOrigins.has(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
      }
      if (req.method === 'OPTIONS') return void res.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' }).end();
      if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') return json(res, 200, discovery());
      if (req.method === 'GET' && url.pathname === '/jwks.json') return json(res, 200, jwks);
      if (req.method === 'GET' && url.pathname === '/health') return json(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/favicon.svg') {
        return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(FAVICON);
      }
      if (req.method === 'GET' && url.pathname === '/sign-in.css') {
        return void res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(SIGN_IN_CSS);
      }
      if (url.pathname === '/authorize' && (req.method === 'GET' || req.method === 'POST')) {
        const params = req.method === 'GET' ? url.searchParams : await readForm(req);
        const checked = authorizationRequest(params);
        if (checked.fatal) return page(res, 400, 'Sign-in request refused', `<p role="alert">${escapeHtml(checked.fatal)}</p>`);
        const { request } = checked;
        if (checked.error) return redirectWith(res, request.redirect_uri, { error: checked.error, error_description: checked.description, state: request.state });
        if (req.method === 'GET') return signInPage(res, request);
        const person = people.find((p) => p.id === params.get('person'));
        if (!person) return signInPage(res, request);
        const code = randomBytes(32).toString('base64url');
        codes.set(code, { clientId: request.client_id, redirectUri: request.redirect_uri, codeChallenge: request.code_challenge, nonce: request.nonce, person, expiresAt: Date.now() + CODE_LIFETIME_MS });
        return redirectWith(res, request.redirect_uri, { code, state: request.state });
      }
      if (req.method === 'POST' && url.pathname === '/token') return await issueTokens(res, await readForm(req));
      json(res, 404, { error: 'not_found' });
    } catch (error) {
      json(res, 400, { error: 'invalid_request', error_description: error.message });
    }
  });
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1e6b3a"/><circle cx="16" cy="12" r="5" fill="#fff"/><path d="M7 27c1-6 5-8 9-8s8 2 9 8z" fill="#fff"/></svg>`;

const SIGN_IN_CSS = `
body{margin:0;font-family:system-ui,'Hiragino Sans','Noto Sans JP',sans-serif;background:#f4f5f7;color:#1f2933;line-height:1.5}
main{max-width:640px;margin:48px auto;background:#fff;border:1px solid #d9dee3;border-radius:8px;padding:24px 32px}
h1{font-size:1.3rem;margin:0 0 12px}fieldset{border:1px solid #d9dee3;border-radius:6px;margin:16px 0;padding:8px 16px}
legend{font-weight:600;padding:0 4px}.person{display:flex;gap:10px;align-items:flex-start;padding:10px 0;border-bottom:1px solid #eef0f2;cursor:pointer}
.person:last-child{border-bottom:0}.muted{color:#5b6773;font-size:.85rem}
button{font:inherit;background:#1f4e79;color:#fff;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
`;

/** Starts the provider on a port; resolves with its URL. */
export async function startDevIdentityProvider({ port = 3009, host = '127.0.0.1', redirectUris, tokenTtlSeconds }) {
  let url = '';
  const server = createDevIdentityProvider({ redirectUris, tokenTtlSeconds, baseUrl: () => url });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  url = `http://${host}:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      // A browser's keep-alive connections would hold the server open.
      server.closeAllConnections();
    });
  return { url, issuer: devIdentityProvider().issuer, jwksFile: devIdentityProvider().jwksFile, close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const redirectUris = (process.env.DEV_IDP_REDIRECT_URIS ?? 'http://127.0.0.1:3000/auth/callback').split(',').map((uri) => uri.trim()).filter(Boolean);
  const ttl = Number(process.env.DEV_IDP_TOKEN_TTL_SECONDS ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 10 || ttl > 86_400) throw new Error(`DEV_IDP_TOKEN_TTL_SECONDS must be a whole number of seconds from 10 to 86400, not ${process.env.DEV_IDP_TOKEN_TTL_SECONDS}`);
  for (const uri of redirectUris) new URL(uri); // throws on a malformed redirect URI
  const provider = await startDevIdentityProvider({ port: Number(process.env.PORT ?? 3009), host: process.env.HOST ?? '127.0.0.1', redirectUris, tokenTtlSeconds: ttl });
  console.log(JSON.stringify({ level: 'info', msg: 'development identity provider listening', url: provider.url, issuer: provider.issuer }));
  const stop = () => provider.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
