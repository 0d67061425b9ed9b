import { HttpException } from '@nestjs/common';

/** A 401 or 403 with a stable code, so a caller can tell a bad token from a missing permission. */
export class AuthRefusal extends HttpException {
  constructor(status: 401 | 403, code: string, message: string) {
    super({ statusCode: status, code, message }, status);
  }
}
