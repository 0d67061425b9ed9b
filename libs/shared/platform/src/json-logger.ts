import type { LoggerService, LogLevel } from '@nestjs/common';
import { loggableError, stackFrames, withoutValues } from '@registry/persistence';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * One JSON object per line on stdout (errors on stderr), so logs can be searched and shipped as they are.
 * An error, wherever it appears in a line, is written as its kind and codes only (see loggableError): no
 * query parameters, no database `detail`, no input that its message echoed.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level = 'log',
  ) {
    this.threshold = Math.max(0, LEVELS.indexOf(level as LogLevel));
  }

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

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (LEVELS.indexOf(level) > this.threshold) return;
    // Nest passes the context as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: this.service };
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
    const line = `${JSON.stringify(entry, (_key, value: unknown) => (value instanceof Error ? loggableError(value) : value))}\n`;
    if (level === 'error' || level === 'fatal') process.stderr.write(line);
    else process.stdout.write(line);
  }
}

function stackWithoutValues(stack: string): string {
  const frames = stackFrames(stack);
  const head = stack.split('\n').filter((line) => !frames.includes(line)).join(' ');
  return [withoutValues(head), ...frames].join('\n');
}
