import { useEffect, useState, type ReactNode } from 'react';
import type { ContactsSchemas } from '../../api/clients';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';
import { DELIVERY_METHODS, REFUSAL_GROUNDS, REQUEST_TYPES, words } from './labels';

type Bundle = ContactsSchemas['schemas']['DisclosureBundleResponse'];
type PersonDisclosure = ContactsSchemas['schemas']['PersonDisclosureResponse'];

/**
 * The disclosure bundle, laid out to print (A4, black on white, without the desk's frame). The service's own printable
 * page needs the bearer token, which a new tab cannot carry, so the desk renders the JSON bundle it fetched.
 */
export function DisclosureScreen({ id }: { id: string }) {
  const { api } = useDesk();
  const [bundle, setBundle] = useState<Bundle>();
  const [problem, setProblem] = useState<ApiProblem>();

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void (async () => {
      const outcome = await outcomeOf('contacts', api.contacts.GET('/subject-requests/{id}/disclosure', { params: { path: { id }, query: { format: 'json' } } }));
      if (outcome.ok) setBundle(outcome.data);
      else setProblem(outcome.problem);
    })();
  }, [api, id, attempt]);

  const retry = () => {
    setProblem(undefined);
    setAttempt(attempt + 1);
  };

  return (
    <Screen titleJa="保有個人データの開示" titleEn="Disclosure of personal data">
      <div className="actions no-print">
        <Link to={`/privacy/requests/${id}`}>← 請求に戻る · Back to the request</Link>
        <button type="button" className="primary" id="print-bundle" disabled={!bundle} onClick={() => window.print()}>
          <Bi ja="印刷する" en="Print" />
        </button>
      </div>
      {problem ? (
        <>
          <ActionProblem problem={problem} what="開示書面を作成できませんでした。 The disclosure could not be prepared." />
          {problem.statusCode >= 500 || problem.statusCode === 0 ? (
            <button type="button" className="no-print" id="retry-disclosure" onClick={retry}>
              <Bi ja="もう一度試す" en="Try again" />
            </button>
          ) : null}
        </>
      ) : null}
      {!bundle && !problem ? (
        <p role="status" aria-busy="true">
          各サービスから集めています… Gathering from every service…
        </p>
      ) : null}
      {bundle ? <BundleView bundle={bundle} /> : null}
    </Screen>
  );
}

function BundleView({ bundle }: { bundle: Bundle }) {
  return (
    <article className="bundle" id="disclosure-bundle" aria-label="開示書面 · Disclosure bundle">
      <section className="card">
        <dl className="facts">
          <dt>請求 · Request</dt>
          <dd>{words(REQUEST_TYPES, bundle.requestType)}</dd>
          <dt>作成 · Prepared</dt>
          <dd>
            {formatDateTime(bundle.preparedAt)} — {bundle.preparedBy}
          </dd>
          <dt>交付方法 · Delivery</dt>
          <dd>{words(DELIVERY_METHODS, bundle.deliveryMethod)}</dd>
          <dt>人数 · Persons</dt>
          <dd>{formatCount(bundle.persons.length)}</dd>
        </dl>
      </section>
      {bundle.refusal ? (
        <section className="card message warning" aria-labelledby="refusal-heading">
          <h2 id="refusal-heading">{bundle.refusal.extent === 'WHOLE' ? '不開示の通知 · Notice of refusal' : '一部不開示の通知 · Notice of partial refusal'}</h2>
          <p>{words(REFUSAL_GROUNDS, bundle.refusal.ground)}</p>
          {bundle.refusal.refusedPart ? <p>{bundle.refusal.refusedPart}</p> : null}
          <p>{bundle.refusal.explanation}</p>
          <p>理由の説明を求めることができます（個人情報保護法第36条）。 You may ask for the reasons to be explained (APPI art. 36).</p>
        </section>
      ) : null}
      {bundle.persons.map((person, index) => (
        <PersonView key={person.contactId} person={person} index={index} />
      ))}
      <section className="card" aria-labelledby="purposes-heading">
        <h2 id="purposes-heading">利用目的 · Purposes of use</h2>
        <JsonValue value={bundle.purposesOfUse} />
      </section>
      <section className="card" aria-labelledby="notice-heading">
        <h2 id="notice-heading">共同利用に関する通知 · The joint-use notice</h2>
        <JsonValue value={bundle.notice} />
      </section>
    </article>
  );
}

function PersonView({ person, index }: { person: PersonDisclosure; index: number }) {
  const record = person.recordOfProvision;
  const part = (ja: string, en: string, content: ReactNode) => (
    <section>
      <h3>
        {ja} · {en}
      </h3>
      {content}
    </section>
  );
  return (
    <section className="card" aria-labelledby={`person-${index}-heading`}>
      <h2 id={`person-${index}-heading`}>
        本人 {formatCount(index + 1)} · Person {formatCount(index + 1)}
      </h2>
      {part('保有している項目', 'Items held', <JsonValue value={person.contact ?? null} />)}
      {part('取得の記録', 'Acquisitions', <JsonValue value={person.acquisitions} />)}
      {part('共同利用への同意', 'Consents to joint use', <JsonValue value={person.jointUseConsents} />)}
      {part('訂正の記録', 'Corrections', <JsonValue value={person.corrections} />)}
      {part('共有サービスの保有内容', 'What sharing holds', <JsonValue value={person.sharing ?? null} />)}
      {record
        ? part(
            '第三者提供記録',
            'Record of provision',
            <>
              {record.complete ? null : (
                <p className="message warning">
                  記録は上限 {formatCount(record.limit)} 件で打ち切られています（{formatCount(record.entries)} / {formatCount(record.totalEntries)} 件）。 The record was cut at {formatCount(record.limit)} entries ({formatCount(record.entries)} of {formatCount(record.totalEntries)}).
                  {record.rest ? ` 残りは監査サービスから · Read the rest from audit: ${record.rest.route}` : ''}
                </p>
              )}
              <p>
                {formatCount(record.entries)} 件 · entries
              </p>
              <JsonValue value={{ provisions: record.provisions, accesses: record.accesses }} />
            </>,
          )
        : null}
    </section>
  );
}

/** Any part of the bundle, as nested tables: the bundle's detail is open-ended, and every item must be shown. */
function JsonValue({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span>—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>なし · None</span>;
    return (
      <ol>
        {value.map((item, index) => (
          <li key={index}>
            <JsonValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span>—</span>;
    return (
      <table className="bundle-items">
        <tbody>
          {entries.map(([key, item]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                <JsonValue value={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return <span>{String(value)}</span>;
}
