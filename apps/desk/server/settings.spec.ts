import { contentSecurityPolicy } from './security-headers';
import { readDeskSettings } from './settings';

const valid = {
  DESK_CONTACTS_URL: 'http://127.0.0.1:3001',
  DESK_SHARING_URL: 'http://127.0.0.1:3002/',
  DESK_AUDIT_URL: 'http://127.0.0.1:3003',
  AUTH_ISSUER: 'urn:registry:dev-identity-provider',
  AUTH_DISCOVERY_URL: 'http://127.0.0.1:3009/.well-known/openid-configuration',
};

describe('the desk server settings', () => {
  it('reads valid settings, with defaults', () => {
    expect(readDeskSettings(valid, '/public')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicDir: '/public',
      services: { contacts: 'http://127.0.0.1:3001', sharing: 'http://127.0.0.1:3002', audit: 'http://127.0.0.1:3003' },
      authIssuer: 'urn:registry:dev-identity-provider',
      authDiscoveryUrl: 'http://127.0.0.1:3009/.well-known/openid-configuration',
      authClientId: 'registry-desk',
    });
  });

  it('finds the discovery document under an http(s) issuer', () => {
    const { AUTH_DISCOVERY_URL: _omitted, ...rest } = valid;
    expect(readDeskSettings({ ...rest, AUTH_ISSUER: 'https://id.example.co.jp/' }, '/p').authDiscoveryUrl).toBe('https://id.example.co.jp/.well-known/openid-configuration');
  });

  it('names every bad setting at once', () => {
    const { AUTH_DISCOVERY_URL: _omitted, ...rest } = valid;
    expect(() => readDeskSettings({ ...rest, PORT: 'eighty', DESK_SHARING_URL: 'ftp://x', DESK_AUDIT_URL: undefined }, '/p')).toThrow(
      /PORT must be a port number[\s\S]*DESK_SHARING_URL must be an http\(s\) URL[\s\S]*DESK_AUDIT_URL is required[\s\S]*AUTH_DISCOVERY_URL is required/,
    );
  });
});

describe('the desk’s content security policy', () => {
  const policy = contentSecurityPolicy(['http://127.0.0.1:3009', 'http://127.0.0.1:3009']);

  it('allows only the desk’s own files, and no inline code or eval', () => {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('lets the app call itself and the identity provider, once each', () => {
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:3009;");
  });
});
