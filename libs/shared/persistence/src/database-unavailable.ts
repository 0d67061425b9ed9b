// SQLSTATE classes and codes that say the database cannot be reached now, not that the request was wrong:
// 08 connection exception, 57P01–57P03 shutdown or restart, 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
const UNAVAILABLE_SYSTEM_CODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
// node-postgres reports a dropped socket or a pool that could not connect in time with these messages and no code.
const UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout)/;

/** True when an error (or the driver error, or a cause, it wraps) means the database is out of reach for the moment. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, driverError, cause, errors } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSTEM_CODE.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    // A refused connection to a host with several addresses is an AggregateError of ECONNREFUSED.
    if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => UNAVAILABLE_SYSTEM_CODE.has(String((e as { code?: unknown } | null)?.code)))) return true;
    current = driverError ?? cause;
  }
  return false;
}
