import type { LoggerService } from '@nestjs/common';
import { loggableError, stackFrames, withoutValues } from '@registry/persistence';
import { currentTraceIds } from '@registry/tracing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { PinoLogger } from 'nestjs-pino';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

/** LOG_LEVEL takes Nest's level names and pino's; `log` is pino's `info`, `verbose` its `trace`. */
const PINO_LEVELS: Record<string, Level | 'silent'> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  info: 'info',
  debug: 'debug',
  verbose: 'trace',
  trace: 'trace',
  silent: 'silent',
};
export const LOG_LEVELS = Object.keys(PINO_LEVELS);

/** Fields that hold a person's items in the registry's requests, events and rows. */
const PERSONAL_FIELDS = [
  'email',
  'phone',
  'fax',
  'kana',
  'full',
  'organizationName',
  'organization',
  'department',
  'address',
  'postalCode',
  'street',
  'memo',
  'items',
  'submittedItems',
  'cardImageRef',
  'transactionHistory',
  'acquiredBy',
];

/**
 * A second line of defence behind loggableError and the request line's few fields: whatever reaches a log line under
 * one of these names (at the top or one level down) is written as "[redacted]". `name` only at the top and under a
 * person's or contact's key: an error's `name` is its kind and stays.
 */
export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`]),
  'name',
  'person.name',
  'contact.name',
  'registration.name',
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

const REQUEST_ROUTE = Symbol('registry.route');

/** The route pattern a request matched, for its log line: set by the HTTP app, read when the response is finished. */
export function setRequestRoute(raw: IncomingMessage, route: string): void {
  (raw as IncomingMessage & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE] = route;
}

/**
 * The service's pino logger: one JSON line per entry with `time`, `level`, `service`, `msg`, the trace and span ids
 * when there is an active span, and the entry's fields, any error among them written by its kind and codes only.
 * Errors and fatal lines go to stderr, the others to stdout.
 */
export function createServicePino(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level: PINO_LEVELS[level] ?? 'info',
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (entry) => withLoggableErrors(entry) as Record<string, unknown> },
      serializers: { err: (error: unknown) => (error instanceof Error ? loggableError(error) : error) },
      mixin: () => currentTraceIds(),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ??
      pino.multistream(
        [
          // The process's own streams (synchronous on Linux for files, pipes and terminals), so that whatever
          // captures the process's output sees every line, in order.
          { level: 'trace', stream: process.stdout },
          { level: 'error', stream: process.stderr },
        ],
        { dedupe: true },
      ),
  );
}

/**
 * nestjs-pino's parameters: pino-http logs each request once it is answered as the method, the route pattern, the
 * status and the time taken. Never the URL (its query string may carry items), the headers or a body.
 */
export function serviceLoggerParams(logger: Logger): Params {
  const requestLine = (req: IncomingMessage, res: ServerResponse, responseTime: number) => ({
    context: 'HTTP',
    method: req.method,
    route: (req as IncomingMessage & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE] ?? 'unmatched',
    status: res.statusCode,
    ms: Math.round(responseTime),
  });
  return {
    pinoHttp: {
      logger,
      customAttributeKeys: { reqId: 'requestId' },
      quietReqLogger: true,
      quietResLogger: true,
      // Prometheus scrapes every few seconds and /metrics counts its own requests: a successful scrape is not a line; a refused one is.
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return 'warn';
        const route = (req as IncomingMessage & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE];
        return route === '/metrics' && res.statusCode < 400 ? 'silent' : 'info';
      },
      customSuccessObject: (req, res, extra: { responseTime: number }) => requestLine(req, res, extra.responseTime),
      customErrorObject: (req, res, _error, extra: { responseTime: number }) => requestLine(req, res, extra.responseTime),
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request',
      serializers: { req: (req: { id?: unknown; method?: unknown }) => ({ id: req.id, method: req.method }), res: (res: { statusCode?: unknown }) => ({ statusCode: res.statusCode }) },
    },
  };
}

const NEST_TO_PINO = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;
type NestLevel = keyof typeof NEST_TO_PINO;

/**
 * Nest's LoggerService over nestjs-pino: inside a request it writes through the request's logger (its `requestId`),
 * elsewhere through the service's. Nest's arguments become fields: the context as `context`, an object's fields as
 * they are, an Error by its codes only (see loggableError), and the (message, stack) of Nest's exception handlers with
 * the values their messages echo removed.
 */
export class ServiceLogger implements LoggerService {
  /** `pinoLogger.logger` is read on every line: nestjs-pino's PinoLogger answers with the current request's logger. */
  constructor(private readonly pinoLogger: { readonly logger: Logger }) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    const logger = this.pinoLogger.logger;
    const pinoLevel = NEST_TO_PINO[level];
    if (!logger.isLevelEnabled(pinoLevel)) return;
    // Nest passes the context as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = {};
    if (context) entry['context'] = context;
    if (message instanceof Error) {
      const { stack, ...error } = loggableError(message);
      entry['msg'] = error.message;
      entry['error'] = error;
      if (stack) entry['stack'] = stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry['msg'] = String(message);
    }
    // Nest logs an error as (message, stack, context); the message and the stack's head may echo input.
    if (typeof args[0] === 'string' && (level === 'error' || level === 'fatal')) {
      if (typeof entry['msg'] === 'string') entry['msg'] = withoutValues(entry['msg']);
      entry['stack'] = stackWithoutValues(args[0]);
    }
    logger[pinoLevel](entry);
  }
}

/** The logger of a service for Nest, before and after its app exists: one pino-http instance per process. */
export function createServiceLogger(service: string, level: string): { logger: ServiceLogger; params: Params } {
  const params = serviceLoggerParams(createServicePino(service, level));
  return { logger: new ServiceLogger(new PinoLogger(params)), params };
}

function stackWithoutValues(stack: string): string {
  const frames = stackFrames(stack);
  const head = stack.split('\n').filter((line) => !frames.includes(line)).join(' ');
  return [withoutValues(head), ...frames].join('\n');
}

/** Any Error, however deep in an entry, becomes its loggable form: a driver error's own fields hold parameters. */
function withLoggableErrors(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return loggableError(value);
  if (depth > 6 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => withLoggableErrors(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const safe = withLoggableErrors(item, depth + 1);
    if (safe !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = safe;
  }
  return copy ?? value;
}
