// Proof Key for Code Exchange (RFC 7636), S256 only: the verifier stays in this tab, its hash goes to the provider.

const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Random bytes as base64url: 32 bytes make a 43-character code verifier (256 bits). */
export function randomToken(byteLength = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export function isValidVerifier(verifier: string): boolean {
  return UNRESERVED.test(verifier);
}

/** The S256 code challenge: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallengeOf(verifier: string): Promise<string> {
  if (!isValidVerifier(verifier)) throw new Error('A code verifier is 43 to 128 characters of [A-Za-z0-9-._~]');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
