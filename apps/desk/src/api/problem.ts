// The services' error body (libs/shared/platform ErrorBody): a code, a message, and per-field details.

export interface FieldProblem {
  field: string;
  rule?: string;
  message: string;
}

export interface ApiProblem {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export function isApiProblem(value: unknown): value is ApiProblem {
  return typeof value === 'object' && value !== null && typeof (value as ApiProblem).code === 'string' && typeof (value as ApiProblem).message === 'string';
}

/** The field problems of an error body, by field path (e.g. `name.kana`, `acquisition.noticeOfPurpose`). */
export function fieldProblems(problem: ApiProblem | undefined): Map<string, FieldProblem[]> {
  const byField = new Map<string, FieldProblem[]>();
  if (!problem || !Array.isArray(problem.details)) return byField;
  for (const detail of problem.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { field, rule, message } = detail as Partial<FieldProblem>;
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    byField.set(field, [...(byField.get(field) ?? []), { field, rule, message }]);
  }
  return byField;
}

/** A problem for when a service cannot be reached at all. */
export function unreachable(service: string): ApiProblem {
  return { statusCode: 0, code: 'UNREACHABLE', message: `The ${service} service did not answer. Check your connection and try again.` };
}
