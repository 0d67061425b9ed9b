/**
 * An error as it may be written to a log: its kind, codes and names, never a value. PostgreSQL's `detail`
 * ("Key (email)=(…) already exists", "Failing row contains (…)"), `hint` and `where`, TypeORM's query
 * parameters and the quoted input that driver and parser messages echo are left out.
 */
export interface LoggableError {
  name: string;
  message: string;
  /** SQLSTATE of a database error, or a Node.js system error code such as ECONNREFUSED. */
  code?: string;
  severity?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  routine?: string;
  stack?: string;
  cause?: LoggableError;
}

// Names of database objects and error classes only; the fields that carry row values are never copied.
const NAMED_FIELDS = ['severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;
const CODE = /^[A-Z0-9_]{2,40}$/;
const MAX_MESSAGE = 500;

/** Removes what an error or driver message may echo of the input: quoted text, `(column)=(value)` pairs, raw bytes. */
export function withoutValues(text: string): string {
  const redacted = text
    .replace(/\(([^()]*)\)=\([^()]*\)/g, '($1)=(…)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "'…'")
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\b0x[0-9a-f]{2}\b/gi, '0x…');
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}…` : redacted;
}

/** Describes any thrown value for a log line without a personal item in it. */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) {
    const message = typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : String(error);
    return { name: typeof error, message: withoutValues(message) };
  }
  // TypeORM's QueryFailedError wraps the driver's error (and holds the query and its parameters, never copied).
  const driverError = (error as { driverError?: unknown }).driverError;
  const source = (driverError instanceof Error ? driverError : error) as Error & Record<string, unknown>;
  const message = withoutValues(error.message);
  const described: LoggableError = { name: error.name, message };
  const code = source['code'] ?? (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && CODE.test(code)) described.code = code;
  for (const field of NAMED_FIELDS) {
    const value = source[field];
    if (typeof value === 'string' && value.length > 0) described[field] = value;
  }
  if (error.stack) described.stack = [`${error.name}: ${message}`, ...stackFrames(error.stack)].join('\n');
  if (error.cause !== undefined && depth < 2) described.cause = loggableError(error.cause, depth + 1);
  return described;
}

/** The `at …` lines of a stack; its head repeats the message, so it is rebuilt from the redacted one. */
export function stackFrames(stack: string): string[] {
  return stack.split('\n').filter((line) => /^\s+at /.test(line));
}
