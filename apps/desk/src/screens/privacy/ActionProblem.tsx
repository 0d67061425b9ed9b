import type { ApiProblem } from '../../api/problem';
import { ProblemMessage } from '../common/ProblemMessage';

/** What the privacy office can do about a refusal of the contacts service, by its code. */
const WHAT_TO_DO: Record<string, string> = {
  REQUEST_CLOSED: '請求は完了済みです。新しい請求を受け付けてください。 The request is closed: open a new request if the person asks again.',
  ACTION_NOT_FOR_THIS_REQUEST:
    'この種類の請求では行えない対応です。請求の種類に合った対応を選ぶか、別の種類の請求を受け付けてください。 This action does not fit the type of request: take the action its type calls for, or open a request of the right type.',
  NO_CONFIRMED_PERSON: '先に本人確認をして対象者を確定してください。 Confirm who the request is about (identity check) first.',
  NOT_MATCHED: '照合された人物から選んでください。 Choose among the persons the request matched.',
  GROUND_NOT_FOR_THIS_REQUEST: 'この種類の請求に使える理由を選んでください。 Choose a ground this type of request may be refused on.',
  RESULT_CONTRADICTS_REFUSAL: '記録された拒否と結果が一致しません。結果を見直してください。 The result contradicts the recorded refusal: choose the result that matches it.',
  ALERT_ALREADY_ACKNOWLEDGED: 'すでに確認済みです。一覧を更新してください。 Someone already acknowledged it: refresh the list.',
  VALIDATION_FAILED: '入力内容を確認してください。 Check the fields named above.',
};

/** A refusal of the API with its own message and, when known, what to do next. */
export function ActionProblem({ problem, what }: { problem: ApiProblem; what: string }) {
  const help = WHAT_TO_DO[problem.code] ?? (problem.statusCode === 409 ? 'この状態では行えません。画面を更新して現在の状態を確認してください。 Not possible in the current state: reload to see where the request stands.' : undefined);
  return (
    <>
      <ProblemMessage problem={problem} what={what} />
      {help ? <p className="hint problem-help">{help}</p> : null}
    </>
  );
}
