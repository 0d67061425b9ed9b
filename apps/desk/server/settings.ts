// The desk server's settings, read from the environment and checked at start-up: a bad one stops it, named.

export interface DeskSettings {
  port: number;
  host: string;
  publicDir: string;
  /** Where /api/<service>/* is sent. */
  services: { contacts: string; sharing: string; audit: string };
  /** The issuer the services trust (their AUTH_ISSUER): the ID token must name it. */
  authIssuer: string;
  /** The provider's discovery document; by default the issuer's, when the issuer is an http(s) URL. */
  authDiscoveryUrl: string;
  authClientId: string;
}

const httpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};

export function readDeskSettings(env: Record<string, string | undefined>, defaultPublicDir: string): DeskSettings {
  const problems: string[] = [];
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (0 to 65535), not "${env['PORT']}"`);

  const serviceUrl = (name: string) => {
    const value = env[name];
    if (!value) {
      problems.push(`${name} is required: the base URL of the service (e.g. http://127.0.0.1:3001)`);
      return '';
    }
    const url = httpUrl(value);
    if (!url || url.search || url.hash) {
      problems.push(`${name} must be an http(s) URL without query or fragment, not "${value}"`);
      return '';
    }
    return url.toString().replace(/\/$/, '');
  };
  const services = { contacts: serviceUrl('DESK_CONTACTS_URL'), sharing: serviceUrl('DESK_SHARING_URL'), audit: serviceUrl('DESK_AUDIT_URL') };

  const authIssuer = env['AUTH_ISSUER'] ?? '';
  if (!authIssuer) problems.push('AUTH_ISSUER is required: the issuer the services trust (their AUTH_ISSUER)');
  const discovery = env['AUTH_DISCOVERY_URL'] ?? (httpUrl(authIssuer) ? `${authIssuer.replace(/\/$/, '')}/.well-known/openid-configuration` : '');
  if (!discovery) problems.push('AUTH_DISCOVERY_URL is required when AUTH_ISSUER is not an http(s) URL: the provider’s /.well-known/openid-configuration');
  else if (!httpUrl(discovery)) problems.push(`AUTH_DISCOVERY_URL must be an http(s) URL, not "${discovery}"`);

  const authClientId = env['AUTH_CLIENT_ID'] ?? 'registry-desk';
  if (!/^[\w.:-]{1,200}$/.test(authClientId)) problems.push(`AUTH_CLIENT_ID must be 1 to 200 letters, digits or . : _ -, not "${authClientId}"`);

  if (problems.length) throw new Error(`The desk's settings are invalid:\n- ${problems.join('\n- ')}`);
  return { port, host: env['HOST'] ?? '127.0.0.1', publicDir: env['DESK_PUBLIC_DIR'] ?? defaultPublicDir, services, authIssuer, authDiscoveryUrl: discovery, authClientId };
}
