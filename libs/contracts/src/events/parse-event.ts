import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, type ValidationProblem } from '../validation-problems';

export type ParsedEvent<T> = { ok: true; event: T } | { ok: false; problems: ValidationProblem[] };

/** Parses a Kafka message value into a validated event; unknown properties make it malformed. */
export function parseEvent<T extends object>(type: ClassConstructor<T>, value: Buffer | string | null): ParsedEvent<T> {
  if (value === null) {
    return { ok: false, problems: [{ field: '(value)', rule: 'present', message: 'message has no value' }] };
  }
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString());
  } catch {
    return { ok: false, problems: [{ field: '(value)', rule: 'json', message: 'message value is not JSON' }] };
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '(value)', rule: 'object', message: 'message value is not a JSON object' }] };
  }
  const event = plainToInstance(type, plain);
  const errors = validateSync(event, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0 ? { ok: true, event } : { ok: false, problems: describeValidationErrors(errors) };
}
