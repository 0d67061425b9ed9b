import type { ValidationError } from 'class-validator';

/** One broken rule on one field, in words a person can act on. */
export interface ValidationProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * Flattens class-validator's nested errors into one problem per field and rule. A field left out (or null) is
 * reported as required rather than by class-validator's wording of whichever rule came first; a message the class
 * words itself is kept.
 */
export function describeValidationErrors(errors: ValidationError[], parent = ''): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  // Walked with a stack rather than recursion; children are pushed in reverse to keep the document order.
  const pending = [...errors].reverse().map((error) => ({ error, parent }));
  while (pending.length > 0) {
    const { error, parent: at } = pending.pop() as (typeof pending)[number];
    const field = at ? `${at}.${error.property}` : error.property;
    problems.push(...problemsOf(error, field));
    for (const child of [...(error.children ?? [])].reverse()) pending.push({ error: child, parent: field });
  }
  return problems;
}

// class-validator's own wording for a broken rule; said of a field that is absent it misleads ("must be shorter than…").
const DEFAULT_WORDING =
  /(must be shorter than or equal to|must be longer than or equal to|must be a string|must be a boolean value|must be an integer number|must be a number conforming|must be an object|must be an array|must be one of the following values|must be an email|must be a valid ISO 8601 date string|must be a UUID|must match .* regular expression|should not be empty|must not be less than|must not be greater than|must contain at least|must contain no more than|should not be null or undefined)/;

function problemsOf(error: ValidationError, field: string): ValidationProblem[] {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return [];
  const missing = 'value' in error && (error.value === undefined || error.value === null) && !error.constraints?.['whitelistValidation'];
  if (missing) {
    // A rule of the class's own that says when the field is required (e.g. the notice of purpose) is kept as it is worded.
    const requiredRule = constraints.find(([, message]) => message.includes('required'));
    if (requiredRule) return [{ field, rule: 'required', message: requiredRule[1] }];
    if (constraints.every(([, message]) => DEFAULT_WORDING.test(message))) {
      return [{ field, rule: 'required', message: error.value === null ? `${field} is required and cannot be null` : `${field} is required` }];
    }
  }
  return constraints.map(([rule, message]) => ({
    field,
    rule,
    message: rule === 'whitelistValidation' ? `${field} is not an accepted property` : message,
  }));
}
