import type { ReactNode } from 'react';
import type { FieldProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';

/** The id of the element that shows a field's problems, for aria-describedby. */
export const problemId = (id: string) => `${id}-problem`;

/**
 * A labelled form field with the API's own messages for it beside it. The control is the child; give it the same `id`,
 * `aria-invalid` and `aria-describedby` through `controlProps(id, problems)`.
 */
export function Field({ id, ja, en, hint, problems, children, required }: { id: string; ja: string; en: string; hint?: ReactNode; problems?: FieldProblem[]; children: ReactNode; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        <Bi ja={ja} en={en} />
        {required ? <span className="required"> 必須 · required</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problems?.length ? (
        <p className="field-error" id={problemId(id)}>
          {problems.map((problem) => problem.message).join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export function controlProps(id: string, problems: FieldProblem[] | undefined, hint = false) {
  const describedBy = [hint ? `${id}-hint` : '', problems?.length ? problemId(id) : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': problems?.length ? true : undefined, 'aria-describedby': describedBy || undefined };
}
