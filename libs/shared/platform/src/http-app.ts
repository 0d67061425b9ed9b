import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { endServerSpan, startServerSpan, startTracing, stopTracing } from '@registry/tracing';
import type { Span } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorBody } from './registry.exception';
import { documentPlatformErrors, RegistryErrorDto } from './openapi';
import { inspectRequestValue, MAX_BODY_DEPTH, type RequestInspection } from './request-inspection';
import { RegistryExceptionFilter } from './registry-exception.filter';
import { requestValidationPipe } from './request-validation.pipe';
import { createServiceLogger, setRequestRoute } from './service-logger';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  logLevel: string;
}

/**
 * Creates a service's Fastify application with what every service shares: JSON logs through pino (nestjs-pino, with
 * pino-http's request lines), a trace span per request, validation, the error filter, OpenAPI docs at /docs, and
 * graceful shutdown.
 */
export async function createHttpApp(module: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  // Without settings of its own (a test's app), spans are made and sent nowhere; startService sets the exporter first.
  startTracing({ service: options.service, exporter: 'none' });
  const { logger, params } = createServiceLogger(options.service, options.logLevel);
  @Module({ imports: [LoggerModule.forRoot(params), module as never] })
  class ServiceModule {}
  // The request id Fastify makes is the one pino-http logs.
  const adapter = new FastifyAdapter({ bodyLimit: 512 * 1024, genReqId: (raw: IncomingMessage) => ((raw as IncomingMessage & { id?: string }).id = randomUUID()), logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceModule, adapter, { logger, abortOnError: false });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new RegistryExceptionFilter());
  app.enableShutdownHooks();
  traceRequests(app);
  acceptJsonOnly(app);
  refuseHostileInput(app);
  // The document is made on first request (at /docs/openapi.json), after a service has added what it adds to the app.
  SwaggerModule.setup('docs', app, () => openApiDocument(app, options), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** The service's OpenAPI document: each route's own responses, the errors the platform answers on every route, and the error body. */
export function openApiDocument(app: NestFastifyApplication, options: Pick<HttpAppOptions, 'title' | 'description'>) {
  return documentPlatformErrors(
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(), {
      extraModels: [RegistryErrorDto],
    }),
  );
}

// Fastify parses text/plain by default; every route of the registry takes JSON, so anything else is a 415.
function acceptJsonOnly(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
}

/**
 * Runs before validation on every route of every service, over the body, the query string and the path: refuses nesting deeper
 * than MAX_BODY_DEPTH (no later walk, validators included, then meets an unbounded value), text that is not well-formed
 * Unicode (some validators throw on it), and a My Number in any field, which the registry never keeps.
 */
function refuseHostileInput(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request, reply) => {
      const refusal =
        refusalOf(inspectRequestValue(request.body)) ?? refusalOf(inspectRequestValue(request.query), 'query.') ?? refusalOf(inspectRequestValue(request.params), 'path.');
      if (refusal) return reply.status(refusal.statusCode).send(refusal);
    });
}

function refusalOf(found: RequestInspection, prefix = ''): ErrorBody | undefined {
  if (found.tooDeep) {
    return {
      statusCode: 400,
      code: 'BODY_TOO_DEEP',
      message: `The request nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep; no route takes more.`,
      details: { maxDepth: MAX_BODY_DEPTH },
    };
  }
  if (found.illFormed.length > 0) {
    return {
      statusCode: 400,
      code: 'MALFORMED_TEXT',
      message: 'Text must be well-formed Unicode; these fields hold a lone surrogate code point.',
      details: found.illFormed.map((path) => ({ field: prefix + path, rule: 'wellFormedUnicode', message: `${prefix + path} is not well-formed Unicode text` })),
    };
  }
  if (found.nulCharacters.length > 0) {
    return {
      statusCode: 400,
      code: 'MALFORMED_TEXT',
      message: 'Text may not hold the NUL character (U+0000); these fields do.',
      details: found.nulCharacters.map((path) => ({ field: prefix + path, rule: 'noNulCharacter', message: `${prefix + path} holds a NUL character (U+0000)` })),
    };
  }
  if (found.myNumbers.length > 0) {
    return {
      statusCode: 422,
      code: 'SPECIFIED_PERSONAL_INFORMATION',
      message:
        'The request holds what looks like a My Number (individual number). Specified personal information may not be kept in this registry; remove it and send again.',
      // Fields are named, never their content.
      details: found.myNumbers.map((path) => ({ field: prefix + path, rule: 'noMyNumber', message: `${prefix + path} holds a 12-digit number with a valid My Number check digit` })),
    };
  }
  return undefined;
}

/**
 * Each request runs in a server span, the child of an incoming `traceparent`. The span's context is entered again
 * once the body is read: the body's stream events do not carry it.
 */
function traceRequests(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const spans = new WeakMap<object, { span: Span; run: <T>(fn: () => T) => T }>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    setRequestRoute(request.raw, route);
    const traced = startServerSpan(request.method, route, request.headers);
    spans.set(request, traced);
    traced.run(done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const traced = spans.get(request);
    if (traced) traced.run(done);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const traced = spans.get(request);
    if (traced) endServerSpan(traced.span, reply.statusCode);
    done();
  });
  fastify.addHook('onClose', async () => stopTracing());
}
