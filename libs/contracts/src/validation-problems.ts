import type { ValidationError } from 'class-validator';

/** One broken rule on one field, in words a person can act on. */
export interface ValidationProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * Flattens class-validator's nested errors into one problem per field and rule. A field left out (or null) is
 * reported as required, whatever rule came first, unless the class names the rule that requires it (IsDefined).
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

function problemsOf(error: ValidationError, field: string): ValidationProblem[] {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return [];
  const missing = 'value' in error && (error.value === undefined || error.value === null) && !error.constraints?.['whitelistValidation'];
  if (missing) {
    const named = error.constraints?.['isDefined'];
    const message = named ?? (error.value === null ? `${field} is required and cannot be null` : `${field} is required`);
    return [{ field, rule: 'required', message }];
  }
  return constraints.map(([rule, message]) => ({
    field,
    rule,
    message: rule === 'whitelistValidation' ? `${field} is not an accepted property` : message,
  }));
}
