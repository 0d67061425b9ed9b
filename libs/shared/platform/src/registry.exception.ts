/**
 * A refusal a person can act on: a stable code from the module's enum, an HTTP status,
 * a sentence, and optional details (for example one entry per invalid field).
 */
export class RegistryException extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}
