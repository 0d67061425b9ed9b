import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ContactsSchemas } from '../../api/clients';
import { outcomeOf, type Outcome } from '../../api/call';
import { fieldProblems, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDate, formatDateTime, todayInTokyo } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';
import {
  DELIVERY_METHODS,
  groundsFor,
  IDENTITY_DOCUMENTS,
  isAboutPerson,
  REFUSAL_GROUNDS,
  REQUEST_TYPES,
  RESULTS,
  STEPS,
  words,
  type DeliveryMethod,
  type IdentityDocument,
  type RefusalGround,
  type RequestResult,
} from './labels';
import { describePerson } from './RequestsInbox';

type SubjectRequest = ContactsSchemas['schemas']['SubjectRequestResponse'];
type Authority = ContactsSchemas['schemas']['RepresentativeDto']['authority'];
type Act = (what: string, call: Promise<Outcome<SubjectRequest>>) => Promise<boolean>;

/** One request end to end: who it is about, the identity check, the action its type calls for, refusal, closing, and its timeline. */
export function RequestScreen({ id }: { id: string }) {
  const { api } = useDesk();
  const [request, setRequest] = useState<SubjectRequest>();
  const [loadProblem, setLoadProblem] = useState<ApiProblem>();
  const [actionProblem, setActionProblem] = useState<{ what: string; problem: ApiProblem }>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const outcome = await outcomeOf('contacts', api.contacts.GET('/subject-requests/{id}', { params: { path: { id } } }));
    if (outcome.ok) setRequest(outcome.data);
    else setLoadProblem(outcome.problem);
  }, [api, id]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs an action; on success shows the request as the service answered it, on refusal the service's message. */
  const act: Act = async (what, call) => {
    setBusy(true);
    setNotice(undefined);
    setActionProblem(undefined);
    const outcome = await call;
    setBusy(false);
    if (outcome.ok) {
      setRequest(outcome.data);
      setNotice(what);
      return true;
    }
    setActionProblem({ what, problem: outcome.problem });
    // A 409 means the request moved on (closed by a colleague, say): show where it stands now, beside the refusal.
    if (outcome.status === 409) await load();
    return false;
  };

  if (loadProblem) {
    return (
      <Screen titleJa="請求" titleEn="Request">
        <ActionProblem problem={loadProblem} what="請求を読み込めませんでした。 The request could not be loaded." />
        <Link to="/privacy/requests">受付簿へ戻る · Back to the requests</Link>
      </Screen>
    );
  }
  if (!request) {
    return (
      <Screen titleJa="請求" titleEn="Request">
        <p role="status">読み込み中… Loading…</p>
      </Screen>
    );
  }
  const open = request.status === 'OPEN';
  const confirmed = request.confirmedContactIds.length > 0;
  const type = words(REQUEST_TYPES, request.type);

  return (
    <Screen titleJa={`請求：${REQUEST_TYPES[request.type].ja}`} titleEn={`Request: ${REQUEST_TYPES[request.type].en}`}>
      <p>
        <Link to="/privacy/requests">← 受付簿 · All requests</Link>
      </p>
      <div aria-live="polite" id="request-notice">
        {notice ? (
          <div className="message success">
            <p>{notice}：完了しました · done.</p>
          </div>
        ) : null}
      </div>
      {actionProblem ? <ActionProblem problem={actionProblem.problem} what={`${actionProblem.what}：できませんでした · failed.`} /> : null}

      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">
          <Bi ja="請求の概要" en="The request" />
        </h2>
        <dl className="facts" id="request-facts">
          <dt>種類 · Type</dt>
          <dd>{type}</dd>
          <dt>状態 · State</dt>
          <dd id="request-status">
            {open ? '対応中 · Open' : '完了 · Closed'}
            {request.overdue ? (
              <>
                {' '}
                <span className="badge bad">期限超過 · Overdue</span>
              </>
            ) : null}
          </dd>
          <dt>受付日 · Received</dt>
          <dd>
            {formatDate(request.receivedOn)}（{formatCount(request.ageDays)} 日経過 · {formatCount(request.ageDays)} days）
          </dd>
          <dt>期限 · Deadline</dt>
          <dd>{formatDate(request.deadline)}</dd>
          <dt>本人の申出 · Person as given</dt>
          <dd>{describePerson(request.person) ?? '—'}</dd>
          {request.summary ? (
            <>
              <dt>内容 · About</dt>
              <dd>{request.summary}</dd>
            </>
          ) : null}
          <dt>開示の方法 · Delivery</dt>
          <dd>{words(DELIVERY_METHODS, request.deliveryMethod)}</dd>
          {request.identityCheck ? (
            <>
              <dt>本人確認 · Identity check</dt>
              <dd id="identity-check">
                {words(IDENTITY_DOCUMENTS, request.identityCheck.document)}
                {request.identityCheck.documentDescription ? `（${request.identityCheck.documentDescription}）` : ''} — {formatDate(request.identityCheck.checkedOn)}, {request.identityCheck.checkedBy}
                {request.identityCheck.representative
                  ? ` — 代理人 · Representative: ${request.identityCheck.representative.name} (${request.identityCheck.representative.authority}, ${request.identityCheck.representative.authorityDocument})`
                  : ''}
              </dd>
            </>
          ) : null}
          {request.refusal ? (
            <>
              <dt>拒否 · Refusal</dt>
              <dd>
                {request.refusal.extent === 'WHOLE' ? '全部 · In whole' : `一部 · In part: ${request.refusal.refusedPart ?? ''}`} — {words(REFUSAL_GROUNDS, request.refusal.ground)} — {request.refusal.explanation}
              </dd>
            </>
          ) : null}
          {!open ? (
            <>
              <dt>結果 · Result</dt>
              <dd id="request-result">
                {words(RESULTS, request.result)} — {request.outcome} ({request.closedAt ? formatDateTime(request.closedAt) : '—'})
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {isAboutPerson(request.type) ? <Persons request={request} /> : null}
      {open && isAboutPerson(request.type) ? <ConfirmForm request={request} act={act} busy={busy} problem={actionProblem?.problem} /> : null}
      {open ? <Actions request={request} act={act} busy={busy} confirmed={confirmed} /> : null}
      {open && isAboutPerson(request.type) ? <RefusalForm request={request} act={act} busy={busy} /> : null}
      {open ? <CloseForm request={request} act={act} busy={busy} /> : null}
      <Timeline request={request} />
    </Screen>
  );
}

function Persons({ request }: { request: SubjectRequest }) {
  return (
    <section className="card" aria-labelledby="persons-heading">
      <h2 id="persons-heading">
        <Bi ja="照合された人物" en="Matched persons" />
      </h2>
      {request.matches.length === 0 ? (
        <p>
          <Bi ja={request.status === 'OPEN' ? '一致する人物はいません（保有個人データなしとして拒否できます）。' : '完了した請求には照合結果を表示しません。'} en={request.status === 'OPEN' ? 'No one matched (you may refuse: no data retained).' : 'A closed request no longer shows matches.'} />
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="照合された人物の表 · Matched persons table">
          <table id="matches-table">
            <thead>
              <tr>
                <th scope="col">氏名 · Name</th>
                <th scope="col">会社 · Organization</th>
                <th scope="col">連絡先 · E-mail / phone</th>
                <th scope="col">一致 · Matched on</th>
                <th scope="col">確定 · Confirmed</th>
              </tr>
            </thead>
            <tbody>
              {request.matches.map((match) => (
                <tr key={match.contactId}>
                  <td>
                    {match.name}
                    {match.nameKana ? <div className="hint">{match.nameKana}</div> : null}
                  </td>
                  <td>{match.organizationName}</td>
                  <td>
                    {match.email ?? '—'}
                    {match.phone ? <div className="hint">{match.phone}</div> : null}
                  </td>
                  <td>{match.matchedOn.join(', ')}</td>
                  <td>{request.confirmedContactIds.includes(match.contactId) ? <span className="badge good">確定 · Confirmed</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface ActProps {
  request: SubjectRequest;
  act: Act;
  busy: boolean;
}

function ConfirmForm({ request, act, busy, problem }: ActProps & { problem?: ApiProblem }) {
  const { api } = useDesk();
  const [contactIds, setContactIds] = useState<string[]>(request.confirmedContactIds);
  const [document, setDocument] = useState<IdentityDocument>('DRIVERS_LICENSE');
  const [documentDescription, setDocumentDescription] = useState('');
  const [checkedOn, setCheckedOn] = useState(todayInTokyo());
  const [representativeActed, setRepresentativeActed] = useState(false);
  const [representative, setRepresentative] = useState<{ name: string; authority: Authority; authorityDocument: string }>({ name: '', authority: 'DELEGATED_AGENT', authorityDocument: '' });
  const problems = fieldProblems(problem);
  const errorFor = (field: string) => {
    const list = [...problems.entries()].filter(([name]) => name === field || name.startsWith(`${field}.`)).flatMap(([, l]) => l);
    return list.length ? <p className="field-error">{list.map((p) => p.message).join(' ')}</p> : null;
  };
  if (request.matches.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await act(
      '本人確認・対象者の確定 · Confirmation',
      outcomeOf(
        'contacts',
        api.contacts.POST('/subject-requests/{id}/confirmation', {
          params: { path: { id: request.id } },
          body: {
            contactIds,
            identityCheck: {
              document,
              documentDescription: document === 'OTHER' ? documentDescription : undefined,
              checkedOn: checkedOn || undefined,
              representativeActed,
              representative: representativeActed ? representative : undefined,
            },
          },
        }),
      ),
    );
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="confirm-heading" noValidate>
      <h2 id="confirm-heading">
        <Bi ja="本人確認と対象者の確定" en="Identity check and who the request is about" />
      </h2>
      <fieldset>
        <legend>
          <Bi ja="請求の対象となる人物" en="The persons it is about" />
        </legend>
        {request.matches.map((match) => (
          <div key={match.contactId} className="check">
            <input
              type="checkbox"
              id={`confirm-${match.contactId}`}
              checked={contactIds.includes(match.contactId)}
              onChange={(e) => setContactIds(e.target.checked ? [...contactIds, match.contactId] : contactIds.filter((c) => c !== match.contactId))}
            />{' '}
            <label htmlFor={`confirm-${match.contactId}`}>
              {match.name}（{match.organizationName}）
            </label>
          </div>
        ))}
        {errorFor('contactIds')}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="identity-document">
            <Bi ja="本人確認書類" en="Identity document" />
          </label>
          <select id="identity-document" value={document} onChange={(e) => setDocument(e.target.value as IdentityDocument)}>
            {Object.entries(IDENTITY_DOCUMENTS).map(([code, label]) => (
              <option key={code} value={code}>
                {label.ja} · {label.en}
              </option>
            ))}
          </select>
          {errorFor('identityCheck.document')}
        </div>
        {document === 'OTHER' ? (
          <div className="field">
            <label htmlFor="identity-document-description">
              <Bi ja="書類の説明" en="What the document was" />
            </label>
            <input id="identity-document-description" maxLength={200} value={documentDescription} onChange={(e) => setDocumentDescription(e.target.value)} />
            {errorFor('identityCheck.documentDescription')}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="identity-checked-on">
            <Bi ja="確認日" en="Checked on" />
          </label>
          <input id="identity-checked-on" type="date" value={checkedOn} onChange={(e) => setCheckedOn(e.target.value)} />
          <p className="hint">確認者はあなたとして記録されます。 You are recorded as the checker.</p>
          {errorFor('identityCheck.checkedOn')}
        </div>
      </div>
      <div className="check">
        <input type="checkbox" id="representative-acted" checked={representativeActed} onChange={(e) => setRepresentativeActed(e.target.checked)} />{' '}
        <label htmlFor="representative-acted">
          <Bi ja="代理人による請求" en="A representative made the request" />
        </label>
      </div>
      {representativeActed ? (
        <fieldset>
          <legend>
            <Bi ja="代理人" en="Representative" />
          </legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor="representative-name">
                <Bi ja="代理人の氏名" en="Name" />
              </label>
              <input id="representative-name" maxLength={100} value={representative.name} onChange={(e) => setRepresentative({ ...representative, name: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="representative-authority">
                <Bi ja="権限" en="Authority" />
              </label>
              <select id="representative-authority" value={representative.authority} onChange={(e) => setRepresentative({ ...representative, authority: e.target.value as Authority })}>
                <option value="LEGAL_REPRESENTATIVE">法定代理人 · Legal representative</option>
                <option value="DELEGATED_AGENT">任意代理人 · Delegated agent</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="representative-document">
                <Bi ja="権限を証する書類" en="Document proving the authority" />
              </label>
              <input id="representative-document" maxLength={200} value={representative.authorityDocument} onChange={(e) => setRepresentative({ ...representative, authorityDocument: e.target.value })} />
            </div>
          </div>
          {errorFor('identityCheck.representative')}
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" id="confirm-request" disabled={busy || contactIds.length === 0}>
          <Bi ja="本人確認を記録して確定" en="Record the check and confirm" />
        </button>
      </div>
    </form>
  );
}

function Actions({ request, act, busy, confirmed }: ActProps & { confirmed: boolean }) {
  const { api } = useDesk();
  const path = { params: { path: { id: request.id } } };
  const needConfirmation = !confirmed ? (
    <p className="message warning">
      <Bi ja="先に本人確認をして対象者を確定してください。" en="Confirm who the request is about (identity check) first." />
    </p>
  ) : null;
  let body: ReactNode;
  switch (request.type) {
    case 'NOTIFICATION_OF_PURPOSE':
    case 'DISCLOSURE':
    case 'DISCLOSURE_OF_PROVISION_RECORD':
      body = (
        <>
          {needConfirmation}
          <DeliveryMethodForm request={request} act={act} busy={busy} />
          <p>
            <Link to={`/privacy/requests/${request.id}/disclosure`} className="button-link primary" id="prepare-disclosure">
              <Bi ja="開示書面を作成・印刷" en="Prepare and print the disclosure" />
            </Link>
          </p>
        </>
      );
      break;
    case 'CORRECTION':
      body = (
        <>
          {needConfirmation}
          <CorrectionForm request={request} act={act} busy={busy} />
        </>
      );
      break;
    case 'SUSPENSION_OF_USE':
    case 'SUSPENSION_OF_PROVISION':
      body = (
        <>
          {needConfirmation}
          <div className="actions">
            <button type="button" className="primary" id="suspend" disabled={busy || !confirmed} onClick={() => void act('利用停止 · Suspension', outcomeOf('contacts', api.contacts.POST('/subject-requests/{id}/suspension', path)))}>
              <Bi ja="利用を停止する" en="Suspend" />
            </button>
            <button type="button" id="lift-suspension" disabled={busy || !confirmed} onClick={() => void act('利用停止の解除 · Lifting', outcomeOf('contacts', api.contacts.DELETE('/subject-requests/{id}/suspension', path)))}>
              <Bi ja="停止を解除する" en="Lift the suspension" />
            </button>
          </div>
        </>
      );
      break;
    case 'ERASURE':
      body = (
        <>
          {needConfirmation}
          <ErasureForm request={request} act={act} busy={busy || !confirmed} />
        </>
      );
      break;
    default:
      body = <ResponseForm request={request} act={act} busy={busy} />;
  }
  return (
    <section className="card" aria-labelledby="act-heading">
      <h2 id="act-heading">
        <Bi ja="対応" en="Action" />
      </h2>
      {body}
    </section>
  );
}

function DeliveryMethodForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const current = request.deliveryMethod ?? 'PAPER';
  return (
    <div className="field">
      <label htmlFor="change-delivery-method">
        <Bi ja="開示の方法（本人の希望）" en="Delivery method (as the person asked)" />
      </label>
      <select
        id="change-delivery-method"
        value={current}
        disabled={busy}
        onChange={(e) =>
          void act(
            '開示方法の変更 · Delivery method',
            outcomeOf('contacts', api.contacts.PUT('/subject-requests/{id}/delivery-method', { params: { path: { id: request.id } }, body: { deliveryMethod: e.target.value as DeliveryMethod } })),
          )
        }
      >
        {Object.entries(DELIVERY_METHODS).map(([code, label]) => (
          <option key={code} value={code}>
            {label.ja} · {label.en}
          </option>
        ))}
      </select>
    </div>
  );
}

const CORRECTABLE = {
  organizationName: { ja: '会社名', en: 'Organization' },
  department: { ja: '部署', en: 'Department' },
  title: { ja: '役職', en: 'Title' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  fax: { ja: 'FAX', en: 'Fax' },
} as const;
type Correctable = keyof typeof CORRECTABLE;
type CorrectionChanges = ContactsSchemas['schemas']['CorrectionChanges'];

function CorrectionForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const [field, setField] = useState<Correctable>('title');
  const [value, setValue] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The document types the nullable strings (department, title, e-mail, phone, fax) as objects; they are strings or null.
    const changes = { [field]: value.trim() === '' && field !== 'organizationName' ? null : value.trim() } as unknown as CorrectionChanges;
    const done = await act('訂正 · Correction', outcomeOf('contacts', api.contacts.POST('/subject-requests/{id}/correction', { params: { path: { id: request.id } }, body: { changes } })));
    if (done) setValue('');
  };
  return (
    <form onSubmit={submit} aria-label="訂正 · Correction">
      <div className="field-row">
        <div className="field">
          <label htmlFor="correction-field">
            <Bi ja="訂正する項目" en="Item" />
          </label>
          <select id="correction-field" value={field} onChange={(e) => setField(e.target.value as Correctable)}>
            {Object.entries(CORRECTABLE).map(([code, label]) => (
              <option key={code} value={code}>
                {label.ja} · {label.en}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="correction-value">
            <Bi ja="正しい内容（空欄で削除）" en="Correct value (empty deletes it)" />
          </label>
          <input id="correction-value" value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" id="correct" disabled={busy}>
          <Bi ja="訂正する" en="Correct" />
        </button>
      </div>
    </form>
  );
}

function ErasureForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const [doNotContactAgain, setDoNotContactAgain] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const erase = async () => {
    // The document types doNotContactAgain as an object; the service takes a boolean.
    const body = { doNotContactAgain } as unknown as ContactsSchemas['schemas']['ErasureDto'];
    await act('消去 · Erasure', outcomeOf('contacts', api.contacts.POST('/subject-requests/{id}/erasure', { params: { path: { id: request.id } }, body })));
    setConfirming(false);
  };
  return (
    <>
      <div className="check">
        <input type="checkbox" id="do-not-contact-again" checked={doNotContactAgain} onChange={(e) => setDoNotContactAgain(e.target.checked)} />{' '}
        <label htmlFor="do-not-contact-again">
          <Bi ja="今後連絡しない（再登録時に共同利用を保留）" en="Do not contact again (a later registration is held out of joint use)" />
        </label>
      </div>
      {confirming ? (
        <div className="message warning" role="alertdialog" aria-labelledby="erase-confirm-text" id="erase-confirmation">
          <p id="erase-confirm-text">
            <strong>
              {formatCount(request.confirmedContactIds.length)} 人の情報をすべてのサービスと各社から消去します。元に戻せません。 The {formatCount(request.confirmedContactIds.length)} confirmed person(s) will be erased from every service and every company. This cannot be undone.
            </strong>
          </p>
          <div className="actions">
            <button type="button" className="primary" id="confirm-erasure" disabled={busy} onClick={() => void erase()} autoFocus>
              <Bi ja="消去する" en="Erase" />
            </button>
            <button type="button" id="cancel-erasure" onClick={() => setConfirming(false)}>
              <Bi ja="やめる" en="Cancel" />
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" id="erase" disabled={busy} onClick={() => setConfirming(true)}>
            <Bi ja="消去…" en="Erase…" />
          </button>
        </div>
      )}
    </>
  );
}

function ResponseForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const [summary, setSummary] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await act('回答の記録 · Response', outcomeOf('contacts', api.contacts.POST('/subject-requests/{id}/response', { params: { path: { id: request.id } }, body: { summary } })));
  };
  return (
    <form onSubmit={submit} aria-label="回答 · Response">
      <div className="field">
        <label htmlFor="response-summary">
          <Bi ja="本人に伝えた内容（要約）" en="What the person was told, in short" />
        </label>
        <textarea id="response-summary" maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" id="record-response" disabled={busy}>
          <Bi ja="回答を記録" en="Record the response" />
        </button>
      </div>
    </form>
  );
}

function RefusalForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const grounds = groundsFor(request.type);
  const [extent, setExtent] = useState<'WHOLE' | 'PART'>('WHOLE');
  const [ground, setGround] = useState<RefusalGround>(grounds[0] ?? 'NO_DATA_RETAINED');
  const [explanation, setExplanation] = useState('');
  const [refusedPart, setRefusedPart] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await act(
      '拒否の記録 · Refusal',
      outcomeOf(
        'contacts',
        api.contacts.POST('/subject-requests/{id}/refusal', {
          params: { path: { id: request.id } },
          body: { extent, ground, explanation, refusedPart: extent === 'PART' ? refusedPart : undefined },
        }),
      ),
    );
  };
  return (
    <details className="card">
      <summary>
        <Bi ja="全部または一部を拒否する" en="Refuse in whole or in part" />
      </summary>
      <form onSubmit={submit} aria-label="拒否 · Refusal">
        <div className="field-row">
          <div className="field">
            <label htmlFor="refusal-extent">
              <Bi ja="範囲" en="Extent" />
            </label>
            <select id="refusal-extent" value={extent} onChange={(e) => setExtent(e.target.value as 'WHOLE' | 'PART')}>
              <option value="WHOLE">全部 · In whole</option>
              <option value="PART">一部 · In part</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="refusal-ground">
              <Bi ja="理由" en="Ground" />
            </label>
            <select id="refusal-ground" value={ground} onChange={(e) => setGround(e.target.value as RefusalGround)}>
              {grounds.map((code) => (
                <option key={code} value={code}>
                  {REFUSAL_GROUNDS[code].ja} · {REFUSAL_GROUNDS[code].en}
                </option>
              ))}
            </select>
          </div>
        </div>
        {extent === 'PART' ? (
          <div className="field">
            <label htmlFor="refused-part">
              <Bi ja="拒否する部分" en="What is refused" />
            </label>
            <input id="refused-part" maxLength={1000} value={refusedPart} onChange={(e) => setRefusedPart(e.target.value)} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="refusal-explanation">
            <Bi ja="本人に伝える理由" en="The reasons, as the person is told them" />
          </label>
          <textarea id="refusal-explanation" maxLength={2000} value={explanation} onChange={(e) => setExplanation(e.target.value)} />
          <p className="hint">{formatCount(explanation.length)} / 2,000</p>
        </div>
        <div className="actions">
          <button type="submit" id="record-refusal" disabled={busy}>
            <Bi ja="拒否を記録" en="Record the refusal" />
          </button>
        </div>
      </form>
    </details>
  );
}

function CloseForm({ request, act, busy }: ActProps) {
  const { api } = useDesk();
  const [outcome, setOutcome] = useState('');
  const [result, setResult] = useState<RequestResult | ''>('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await act('完了 · Closing', outcomeOf('contacts', api.contacts.POST('/subject-requests/{id}/closure', { params: { path: { id: request.id } }, body: { outcome, result: result || undefined } })));
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="close-heading">
      <h2 id="close-heading">
        <Bi ja="完了" en="Close the request" />
      </h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="close-outcome">
            <Bi ja="どのように回答したか" en="How it was answered" />
          </label>
          <input id="close-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="close-result">
            <Bi ja="結果" en="Result" />
          </label>
          <select id="close-result" value={result} onChange={(e) => setResult(e.target.value as RequestResult | '')}>
            <option value="">記録された拒否に従う · As the recorded refusal says</option>
            {Object.entries(RESULTS).map(([code, label]) => (
              <option key={code} value={code}>
                {label.ja} · {label.en}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" id="close-request" disabled={busy || outcome.trim() === ''}>
          <Bi ja="完了にする" en="Close" />
        </button>
      </div>
    </form>
  );
}

function Timeline({ request }: { request: SubjectRequest }) {
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">
        <Bi ja="経過" en="Timeline" />
      </h2>
      {/* Focusable, so that keyboard users can scroll a wide timeline on a narrow screen. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="経過の表 · Timeline table">
        <table id="timeline-table">
          <caption>{formatCount(request.timeline.length)} 件 · steps（日本時間 · Tokyo time）</caption>
          <thead>
            <tr>
              <th scope="col">日時 · When</th>
              <th scope="col">手順 · Step</th>
              <th scope="col">担当 · Actor</th>
              <th scope="col">詳細 · Detail</th>
            </tr>
          </thead>
          <tbody>
            {request.timeline.map((entry, index) => (
              <tr key={index}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{words(STEPS, entry.step)}</td>
                <td>{entry.actor}</td>
                <td className="hint detail">{describeDetail(entry.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A step's detail in one line: its fields and short values (the service keeps no personal values here). */
function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}
