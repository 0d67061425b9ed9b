import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { UNSUPPORTED_MEDIA_TYPE_MESSAGE } from './registry-exception.filter';

/** What a route that takes a raw body tells a client whose body is too large or of a type it does not take. */
export interface RawBodyRefusals {
  tooLarge: string;
  unsupportedMediaType: string;
}

export interface RawBodyRoute {
  method: 'PUT' | 'POST';
  /** The route as Fastify names it, e.g. `/contacts/:id/acquisitions/:acquisitionId/card-image`. */
  url: string;
  mediaTypes: readonly string[];
  limitBytes: number;
  refusals: RawBodyRefusals;
}

const REFUSALS = 'rawBodyRefusals';

/**
 * Lets one route take a raw body (a file) of the given media types, as a Buffer, up to its own limit; every other route keeps
 * JSON only and the service's limit. Must run before the routes are registered (before `app.init()` or `listen()`).
 */
export function acceptRawBody(app: NestFastifyApplication, route: RawBodyRoute): void {
  const fastify = app.getHttpAdapter().getInstance();
  for (const mediaType of route.mediaTypes) {
    if (!fastify.hasContentTypeParser(mediaType)) fastify.addContentTypeParser(mediaType, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
  // Every other route still takes JSON alone.
  fastify.addHook('preValidation', async (request, reply) => {
    if (ArrayBuffer.isView(request.body) && !rawBodyRefusalsOf(request)) {
      return reply.status(415).send({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: UNSUPPORTED_MEDIA_TYPE_MESSAGE });
    }
  });
  fastify.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    if (options.url !== route.url || !methods.includes(route.method)) return;
    options.bodyLimit = route.limitBytes;
    options.config = { ...(options.config as object), [REFUSALS]: route.refusals };
  });
}

/** The refusals of the route a request came to, when that route takes a raw body. */
export function rawBodyRefusalsOf(request: FastifyRequest | undefined): RawBodyRefusals | undefined {
  return (request?.routeOptions?.config as Record<string, unknown> | undefined)?.[REFUSALS] as RawBodyRefusals | undefined;
}
