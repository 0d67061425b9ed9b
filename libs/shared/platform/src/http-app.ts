import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JsonLogger } from './json-logger';
import type { ErrorBody } from './registry.exception';
import { illFormedTextPaths } from './well-formed-text';
import { RegistryExceptionFilter } from './registry-exception.filter';
import { requestValidationPipe } from './request-validation.pipe';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  logLevel: string;
}

/**
 * Creates a service's Fastify application with what every service shares: JSON logs, request logging,
 * validation, the error filter, OpenAPI docs at /docs, and graceful shutdown.
 */
export async function createHttpApp(module: unknown, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(options.service, options.logLevel as LogLevel);
  const adapter = new FastifyAdapter({ bodyLimit: 512 * 1024, genReqId: () => crypto.randomUUID(), logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { logger, abortOnError: false });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new RegistryExceptionFilter());
  app.enableShutdownHooks();
  logRequests(app, logger);
  refuseIllFormedText(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

// Some validators throw on lone surrogates; such text is refused with a 400 before any validation runs.
function refuseIllFormedText(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request, reply) => {
      const fields = illFormedTextPaths(request.body);
      if (fields.length === 0) return;
      const body: ErrorBody = {
        statusCode: 400,
        code: 'MALFORMED_TEXT',
        message: 'Text must be well-formed Unicode; these fields hold a lone surrogate code point.',
        details: fields.map((field) => ({ field, rule: 'wellFormedUnicode', message: `${field} is not well-formed Unicode text` })),
      };
      return reply.status(400).send(body);
    });
}

// Logs the route pattern, never the query string or body, so that no personal item reaches the logs.
function logRequests(app: INestApplication, logger: JsonLogger): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.log(
      { msg: 'request', requestId: request.id, method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'HTTP',
    );
    done();
  });
}
