import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { securityHeaders } from './security-headers';
import type { DeskSettings } from './settings';

/** The identity provider's endpoints the browser app uses, from its discovery document. */
export interface IdentityProvider {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

const SERVICES = ['contacts', 'sharing', 'audit'] as const;
type Service = (typeof SERVICES)[number];

// Request headers passed to a service, and response headers passed back; nothing else crosses the proxy.
const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'traceparent', 'tracestate', 'if-match'];
const RETURNED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag', 'location', 'retry-after'];
// The largest body the desk sends: a scanned business card (5 MB) with room to spare.
const PROXY_BODY_LIMIT = 6 * 1024 * 1024;

/** Reads the provider's discovery document; its issuer must be the one the services trust. */
export async function discoverIdentityProvider(settings: DeskSettings, fetcher: typeof fetch = fetch): Promise<IdentityProvider> {
  const response = await fetcher(settings.authDiscoveryUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The identity provider's discovery document (${settings.authDiscoveryUrl}) answered HTTP ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  if (document['issuer'] !== settings.authIssuer) {
    throw new Error(`The discovery document names the issuer "${String(document['issuer'])}", but AUTH_ISSUER is "${settings.authIssuer}"`);
  }
  const methods = document['code_challenge_methods_supported'];
  if (!Array.isArray(methods) || !methods.includes('S256')) throw new Error('The identity provider does not support PKCE with S256');
  const endpoint = (name: string) => {
    const value = document[name];
    if (typeof value !== 'string' || !/^https?:\/\//.test(value)) throw new Error(`The discovery document has no http(s) ${name}`);
    return value;
  };
  return { issuer: settings.authIssuer, authorizationEndpoint: endpoint('authorization_endpoint'), tokenEndpoint: endpoint('token_endpoint') };
}

/** The desk server: the built browser app under a strict policy, its configuration, and /api/<service>/* to the services. */
export async function createDeskServer(settings: DeskSettings, identity: IdentityProvider): Promise<FastifyInstance> {
  const indexFile = join(settings.publicDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: build the desk first (nx run desk:build)`);
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const headers = securityHeaders([new URL(identity.tokenEndpoint).origin]);
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/desk-config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { issuer: identity.issuer, authorizationEndpoint: identity.authorizationEndpoint, tokenEndpoint: identity.tokenEndpoint, clientId: settings.authClientId, redirectPath: '/auth/callback' };
  });

  await app.register(async (api) => {
    // Bodies pass through as they came, JSON or a card image alike.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PROXY_BODY_LIMIT }, (_request, body, done) => done(null, body));
    for (const service of SERVICES) {
      api.all(`/api/${service}/*`, (request, reply) => proxy(service, settings.services[service], request, reply));
    }
    api.all('/api/*', async (_request, reply) => reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: 'The desk proxies only /api/contacts, /api/sharing and /api/audit.' }));
  });

  await app.register(fastifyStatic, {
    root: settings.publicDir,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      // Vite names built files by their content: they never change under one name.
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Every other path is a screen of the browser app.
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) return reply.status(404).type('text/plain').send('Not found');
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return app;
}

async function proxy(service: Service, baseUrl: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const path = request.url.slice(`/api/${service}`.length);
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' || !request.body ? undefined : new Uint8Array(request.body as Buffer),
      redirect: 'manual',
    });
  } catch {
    return reply.status(502).send({ statusCode: 502, code: 'SERVICE_UNREACHABLE', message: `The ${service} service did not answer. Try again in a moment.` });
  }
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) reply.header(name, value);
  }
  return reply.status(response.status).send(Buffer.from(await response.arrayBuffer()));
}
