import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseUnavailable, loggableError } from '@registry/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rawBodyRefusalsOf } from './raw-body';
import { RegistryException, type ErrorBody } from './registry.exception';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Seconds a client is asked to wait before it tries again when the database is out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** What a client is told about a media type other than JSON. */
export const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'Send the body as JSON, with the header content-type: application/json.';

/**
 * Maps every error to `{ statusCode, code, message, details }`; never sends a stack trace. An unexpected error
 * is logged with its route and codes only: a database error's detail and parameters hold the request's values.
 */
@Catch()
export class RegistryExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest | undefined>();
    const reply = http.getResponse<FastifyReply>();
    const where = { requestId: request?.id, route: request?.routeOptions?.url ?? 'unmatched' };
    if (isDatabaseUnavailable(exception)) {
      // A lost connection is worth a retry; the client is told when, and nothing of the query leaves.
      this.logger.warn({ msg: 'database unavailable', ...where, error: loggableError(exception) });
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS)).status(HttpStatus.SERVICE_UNAVAILABLE).send({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'DATABASE_UNAVAILABLE',
        message: `The registry cannot reach its database for the moment; nothing was changed by this request. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      } satisfies ErrorBody);
      return;
    }
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) this.logger.error({ msg: 'unexpected error', ...where, error: loggableError(exception) });
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest | undefined): ErrorBody {
    const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
    // A route that takes a file names its own media types and size limit.
    const rawBody = rawBodyRefusalsOf(request);
    // Fastify and Nest both refuse a media type they cannot parse; either way the client is told what to send.
    if (fastifyStatus === 415 || (exception instanceof HttpException && exception.getStatus() === 415)) {
      return { statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE, code: 'UNSUPPORTED_MEDIA_TYPE', message: rawBody?.unsupportedMediaType ?? UNSUPPORTED_MEDIA_TYPE_MESSAGE };
    }
    if (rawBody && (fastifyStatus === 413 || (exception instanceof HttpException && exception.getStatus() === 413))) return { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, code: 'PAYLOAD_TOO_LARGE', message: rawBody.tooLarge };
    if (exception instanceof RegistryException) {
      return { statusCode: exception.httpStatus, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      const code = typeof response === 'object' ? (response as { code?: unknown }).code : undefined;
      return { statusCode: status, code: typeof code === 'string' ? code : (CODE_BY_STATUS[status] ?? 'HTTP_ERROR'), message: String(message) };
    }
    // Errors raised by Fastify itself before a route runs (malformed JSON, wrong content type, body too large).
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: (exception as Error).message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.' };
  }
}
