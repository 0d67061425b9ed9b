import { useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import { fieldProblems, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { todayInTokyo } from '../../app/format';
import { navigate } from '../../app/router';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';
import { DELIVERY_METHODS, isAboutPerson, needsDeliveryMethod, REQUEST_TYPES, type DeliveryMethod, type RequestType } from './labels';

interface Draft {
  type: RequestType;
  email: string;
  phone: string;
  name: string;
  organization: string;
  receivedOn: string;
  deliveryMethod: DeliveryMethod | '';
  summary: string;
}

/** Opening a request with what the person gave: an e-mail, a phone, or a name with the organization. */
export function NewRequestScreen() {
  const { api } = useDesk();
  const [draft, setDraft] = useState<Draft>({ type: 'DISCLOSURE', email: '', phone: '', name: '', organization: '', receivedOn: todayInTokyo(), deliveryMethod: 'PAPER', summary: '' });
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const problems = fieldProblems(problem);
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const given = (value: string) => value.trim() || undefined;
    const person = { email: given(draft.email), phone: given(draft.phone), name: given(draft.name), organization: given(draft.organization) };
    const anyPerson = Object.values(person).some(Boolean);
    const outcome = await outcomeOf(
      'contacts',
      api.contacts.POST('/subject-requests', {
        body: {
          type: draft.type,
          person: anyPerson ? person : undefined,
          receivedOn: given(draft.receivedOn),
          deliveryMethod: draft.deliveryMethod || undefined,
          summary: given(draft.summary),
        },
      }),
    );
    setBusy(false);
    if (outcome.ok) navigate(`/privacy/requests/${outcome.data.id}`);
    else setProblem(outcome.problem);
  };

  const fieldError = (field: string) => {
    const found = [...problems.entries()].filter(([name]) => name === field || name.startsWith(`${field}.`)).flatMap(([, list]) => list);
    return found.length ? (
      <p className="field-error" id={`${field.replace(/\./g, '-')}-error`}>
        {found.map((p) => p.message).join(' ')}
      </p>
    ) : null;
  };
  const input = (id: string, field: keyof Draft, ja: string, en: string, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={id}>
        <Bi ja={ja} en={en} />
      </label>
      <input id={id} type={type} value={draft[field]} onChange={(e) => set({ [field]: e.target.value })} aria-invalid={problems.has(`person.${field}`) || problems.has(field) ? true : undefined} />
      {hint ? <p className="hint">{hint}</p> : null}
      {fieldError(field === 'receivedOn' ? 'receivedOn' : `person.${field}`)}
    </div>
  );

  return (
    <Screen titleJa="請求の受付" titleEn="New request" intro={<Bi ja="本人から伝えられた情報で請求を受け付けます。照合された人物は次の画面に表示されます。" en="Open the request with what the person gave you; the persons it matches are shown next." />}>
      <form className="card" onSubmit={submit} aria-labelledby="new-request-heading" noValidate>
        <h2 id="new-request-heading">
          <Bi ja="請求の内容" en="The request" />
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="request-type">
              <Bi ja="請求の種類" en="Type of request" />
            </label>
            <select id="request-type" value={draft.type} onChange={(e) => set({ type: e.target.value as RequestType })}>
              {Object.entries(REQUEST_TYPES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label.ja} · {label.en}
                </option>
              ))}
            </select>
            {fieldError('type')}
          </div>
          {input('received-on', 'receivedOn', '受付日', 'Received on', 'date', '本人から届いた日（日本時間）。期限はこの日から数えます。 The Japan date it reached the company; the deadline counts from it.')}
          <div className="field">
            <label htmlFor="delivery-method">
              <Bi ja="開示の方法" en="Delivery method" />
            </label>
            <select id="delivery-method" value={draft.deliveryMethod} onChange={(e) => set({ deliveryMethod: e.target.value as DeliveryMethod | '' })}>
              {needsDeliveryMethod(draft.type) ? null : <option value="">指定なし · Not given</option>}
              {Object.entries(DELIVERY_METHODS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label.ja} · {label.en}
                </option>
              ))}
            </select>
            {fieldError('deliveryMethod')}
          </div>
        </div>
        <fieldset>
          <legend>
            <Bi ja={isAboutPerson(draft.type) ? '本人の情報（メール、電話、または氏名と会社名）' : '申出人の情報（任意）'} en={isAboutPerson(draft.type) ? 'The person: e-mail, phone, or name with organization' : 'Who asked (optional)'} />
          </legend>
          <div className="field-row">
            {input('person-email', 'email', 'メールアドレス', 'E-mail', 'email')}
            {input('person-phone', 'phone', '電話番号', 'Phone', 'tel')}
          </div>
          <div className="field-row">
            {input('person-name', 'name', '氏名（漢字またはカナ）', 'Name (kanji or kana)')}
            {input('person-organization', 'organization', '会社名', 'Organization')}
          </div>
          {fieldError('person')}
        </fieldset>
        {isAboutPerson(draft.type) ? null : (
          <div className="field">
            <label htmlFor="request-summary">
              <Bi ja="内容の要約" en="What it is about" />
            </label>
            <textarea id="request-summary" maxLength={2000} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
            {fieldError('summary')}
          </div>
        )}
        {problem ? <ActionProblem problem={problem} what="請求を受け付けられませんでした。 The request was not opened." /> : null}
        <div className="actions">
          <button type="submit" className="primary" id="open-request" disabled={busy}>
            <Bi ja="受け付ける" en="Open the request" />
          </button>
        </div>
      </form>
    </Screen>
  );
}
