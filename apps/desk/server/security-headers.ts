// The desk's Content Security Policy: its own files only, no inline script or style, no eval, no framing; the
// browser app may call its own server (the API proxy) and the identity provider's token endpoint.

export function contentSecurityPolicy(identityProviderOrigins: string[]): string {
  const connect = ["'self'", ...new Set(identityProviderOrigins)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders(identityProviderOrigins: string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(identityProviderOrigins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
