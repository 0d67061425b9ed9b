// Sign-in with OpenID Connect: authorization code flow with PKCE (S256), the desk as a public client.
import { decodeJwtClaims } from './jwt-claims';
import { codeChallengeOf, randomToken } from './pkce';
import { sessionFromTokens, type Session } from './session';

/** What the desk server tells the browser app about its identity provider (GET /desk-config.json). */
export interface DeskConfig {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  redirectPath: string;
}

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

const PENDING_KEY = 'desk.pending-sign-in';

export const redirectUri = (config: DeskConfig, origin: string) => `${origin}${config.redirectPath}`;

/** The authorization request's URL; the verifier, state and nonce are kept in this tab until the provider answers. */
export async function authorizationUrl(config: DeskConfig, origin: string, returnTo: string, storage: Storage): Promise<string> {
  const pending: PendingSignIn = { state: randomToken(16), nonce: randomToken(16), verifier: randomToken(32), returnTo };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(config, origin),
    scope: 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export class SignInError extends Error {}

/** Completes a sign-in from the provider's redirect: checks state, redeems the code with the verifier, checks the ID token. */
export async function completeSignIn(config: DeskConfig, callbackUrl: URL, storage: Storage, fetcher: typeof fetch = fetch): Promise<{ session: Session; returnTo: string }> {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const params = callbackUrl.searchParams;
  if (params.get('error')) throw new SignInError(`The identity provider refused the sign-in: ${params.get('error_description') ?? params.get('error')}`);
  if (!raw) throw new SignInError('This sign-in was not started in this tab, or was already completed. Sign in again.');
  const pending = JSON.parse(raw) as PendingSignIn;
  if (params.get('state') !== pending.state) throw new SignInError('The sign-in answer does not belong to this tab’s request (state differs). Sign in again.');
  const code = params.get('code');
  if (!code) throw new SignInError('The identity provider sent no authorization code. Sign in again.');

  const response = await fetcher(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(config, callbackUrl.origin),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token || !body.id_token) {
    throw new SignInError(`The identity provider did not issue a token: ${body.error_description ?? body.error ?? `HTTP ${response.status}`}`);
  }
  const idToken = decodeJwtClaims(body.id_token);
  if (idToken.iss !== config.issuer) throw new SignInError(`The ID token comes from ${idToken.iss}, not ${config.issuer}.`);
  const audiences = Array.isArray(idToken.aud) ? idToken.aud : [idToken.aud];
  if (!audiences.includes(config.clientId)) throw new SignInError('The ID token was issued to another client.');
  if (idToken.nonce !== pending.nonce) throw new SignInError('The ID token does not answer this sign-in (nonce differs). Sign in again.');
  return { session: sessionFromTokens(body.access_token, idToken), returnTo: pending.returnTo };
}
