import type { ValidationError } from 'class-validator';

/** One broken rule on one field, in words a person can act on. */
export interface ValidationProblem {
  field: string;
  rule: string;
  message: string;
}

/** Flattens class-validator's nested errors into one problem per field and rule. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): ValidationProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted property` : message,
    }));
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}
