import { ValidationPipe } from '@nestjs/common';
import { describeValidationErrors } from '@registry/contracts';
import { RegistryException } from './registry.exception';

/** Rejects unknown properties and names each bad field with the rule it broke. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new RegistryException('VALIDATION_FAILED', 400, 'The request is invalid; see details for each field.', describeValidationErrors(errors)),
  });
}
