// Typed clients of the three services, through the desk server's proxy (/api/<service>/...). Their types are generated
// from the OpenAPI snapshots in apps/desk/openapi/ (npm run desk:openapi refreshes them from the services).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as AuditPaths } from './generated/audit';
import type { paths as ContactsPaths } from './generated/contacts';
import type { paths as SharingPaths } from './generated/sharing';

export type { components as ContactsSchemas } from './generated/contacts';
export type { components as SharingSchemas } from './generated/sharing';
export type { components as AuditSchemas } from './generated/audit';

export interface ApiClients {
  contacts: Client<ContactsPaths>;
  sharing: Client<SharingPaths>;
  audit: Client<AuditPaths>;
}

/**
 * Each request carries the signed-in person's token; a 401 answer means the token ended or was refused, and the desk
 * goes back to sign-in (`onUnauthenticated`).
 */
export function createApiClients(accessToken: () => string | null, onUnauthenticated: () => void): ApiClients {
  const authenticate: Middleware = {
    onRequest({ request }) {
      const token = accessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  };
  const clientFor = <Paths extends object>(service: string) => {
    const client = createClient<Paths>({ baseUrl: `${window.location.origin}/api/${service}` });
    client.use(authenticate);
    return client;
  };
  return { contacts: clientFor<ContactsPaths>('contacts'), sharing: clientFor<SharingPaths>('sharing'), audit: clientFor<AuditPaths>('audit') };
}
