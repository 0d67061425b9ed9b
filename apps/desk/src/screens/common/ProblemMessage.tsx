import type { ApiProblem } from '../../api/problem';

/** An answer of a service that refused or failed: its own message, its code, and what the person can do. */
export function ProblemMessage({ problem, what }: { problem: ApiProblem; what?: string }) {
  return (
    <div className="message error" role="alert">
      <p>
        {what ? <strong>{what} </strong> : null}
        {problem.message} <code>{problem.code}</code>
      </p>
    </div>
  );
}
