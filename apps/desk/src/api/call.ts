import { isApiProblem, unreachable, type ApiProblem } from './problem';

/** The outcome of a call: the data, or the service's problem (its error body), or unreachable. */
export type Outcome<T> = { ok: true; data: T; status: number } | { ok: false; problem: ApiProblem; status: number };

/** Turns an openapi-fetch call into an Outcome, so screens handle a refusal as data, not as an exception. */
export async function outcomeOf<T>(service: string, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok && data !== undefined) return { ok: true, data, status: response.status };
    const problem: ApiProblem = isApiProblem(error)
      ? error
      : { statusCode: response.status, code: `HTTP_${response.status}`, message: `The ${service} service answered HTTP ${response.status}. Try again; if it persists, tell the administrator.` };
    return { ok: false, problem, status: response.status };
  } catch {
    return { ok: false, problem: unreachable(service), status: 0 };
  }
}
