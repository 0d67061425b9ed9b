import { createHash, randomBytes } from 'node:crypto';

export const DESK_CLIENT_ID = 'registry-desk';
/** The issuer of the development identity provider (tools/dev-secret.mjs), which the services under test trust. */
export const DEV_ISSUER = 'urn:registry:dev-identity-provider';

/** The people of the development identity provider's sign-in page (tools/dev-identity-provider.mjs). */
export const PEOPLE = {
  salesStaffingJp: { id: 'sales-staffing-jp', name: '佐藤 花子', company: 'STAFFING-JP' },
  salesEventsJp: { id: 'sales-events-jp', name: '鈴木 一郎', company: 'EVENTS-JP' },
  privacyOffice: { id: 'privacy-office-group-hd', name: '高橋 美咲', company: 'GROUP-HD' },
  administrator: { id: 'admin-group-hd', name: '田中 健', company: 'GROUP-HD' },
} as const;
export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/**
 * An access token for a person, through the provider's own authorization code flow with PKCE (as the desk does it,
 * without a browser): for a journey's calls to the API behind the browser's back.
 */
export async function accessTokenFor(identityProviderUrl: string, redirectUri: string, person: Person): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: DESK_CLIENT_ID,
    redirect_uri: redirectUri,
    scope: 'openid',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    person: person.id,
  });
  const authorized = await fetch(`${identityProviderUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(authorized.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
  if (!code) throw new Error(`The identity provider gave no code for ${person.id} (HTTP ${authorized.status})`);
  const token = await fetch(`${identityProviderUrl}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: DESK_CLIENT_ID, redirect_uri: redirectUri }),
  });
  const body = (await token.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`No token for ${person.id}: ${body.error_description}`);
  return body.access_token;
}
