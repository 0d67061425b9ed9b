import { useCallback, useEffect, useState } from 'react';
import type { ContactsSchemas } from '../../api/clients';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDate } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';
import { REQUEST_TYPES, words, type RequestType } from './labels';

type RequestSummary = ContactsSchemas['schemas']['SubjectRequestSummaryResponse'];
type Status = 'OPEN' | 'CLOSED' | '';

/** The requests inbox: open requests first by default, their age and deadline, the overdue ones marked (as the service says). */
export function RequestsInbox() {
  const { api } = useDesk();
  const [status, setStatus] = useState<Status>('OPEN');
  const [type, setType] = useState<RequestType | ''>('');
  const [requests, setRequests] = useState<RequestSummary[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(async () => {
    setRequests(null);
    const outcome = await outcomeOf('contacts', api.contacts.GET('/subject-requests', { params: { query: { status: status || undefined } } }));
    if (outcome.ok) {
      setRequests(outcome.data);
      setProblem(undefined);
    } else {
      setRequests([]);
      setProblem(outcome.problem);
    }
  }, [api, status]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = (requests ?? []).filter((request) => !type || request.type === type);
  const overdue = shown.filter((request) => request.overdue).length;

  return (
    <Screen titleJa="本人からの請求" titleEn="Data subject requests" intro={<Bi ja="開示・訂正・利用停止・消去の請求、苦情・相談の受付簿" en="Disclosure, correction, suspension and erasure requests, complaints and consultations" />}>
      <div className="actions">
        <Link to="/privacy/requests/new" className="button-link primary" id="new-request">
          <Bi ja="新しい請求を受け付ける" en="New request" />
        </Link>
      </div>
      <form className="card filters" aria-labelledby="request-filters-heading" onSubmit={(e) => e.preventDefault()}>
        <h2 id="request-filters-heading">
          <Bi ja="絞り込み" en="Filters" />
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="filter-status">
              <Bi ja="状態" en="State" />
            </label>
            <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              <option value="OPEN">対応中 · Open</option>
              <option value="CLOSED">完了 · Closed</option>
              <option value="">すべて · All</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-type">
              <Bi ja="種類" en="Type" />
            </label>
            <select id="filter-type" value={type} onChange={(e) => setType(e.target.value as RequestType | '')}>
              <option value="">すべて · Any</option>
              {Object.entries(REQUEST_TYPES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label.ja} · {label.en}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>

      {problem ? <ActionProblem problem={problem} what="請求を読み込めませんでした。 The requests could not be loaded." /> : null}

      <div className="table-wrap">
        <table id="requests-table" aria-busy={requests === null}>
          <caption>
            <span id="requests-summary" role="status">
              {requests === null
                ? '読み込み中… Loading…'
                : `${formatCount(shown.length)} 件（期限超過 ${formatCount(overdue)} 件） · ${formatCount(shown.length)} request${shown.length === 1 ? '' : 's'}, ${formatCount(overdue)} overdue`}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi ja="種類" en="Type" />
              </th>
              <th scope="col">
                <Bi ja="本人" en="Person" />
              </th>
              <th scope="col">
                <Bi ja="受付日" en="Received" />
              </th>
              <th scope="col" className="number">
                <Bi ja="経過日数" en="Age (days)" />
              </th>
              <th scope="col">
                <Bi ja="期限" en="Deadline" />
              </th>
              <th scope="col">
                <Bi ja="状態" en="State" />
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((request) => (
              <tr key={request.id} className={request.overdue ? 'overdue' : undefined}>
                <td>
                  <Link to={`/privacy/requests/${request.id}`}>{words(REQUEST_TYPES, request.type)}</Link>
                </td>
                <td>{describePerson(request.person) ?? request.summary ?? '—'}</td>
                <td>{formatDate(request.receivedOn)}</td>
                <td className="number">{formatCount(request.ageDays)}</td>
                <td>
                  {formatDate(request.deadline)}
                  {request.overdue ? (
                    <>
                      {' '}
                      <span className="badge bad">期限超過 · Overdue</span>
                    </>
                  ) : null}
                </td>
                <td>{request.status === 'OPEN' ? '対応中 · Open' : '完了 · Closed'}</td>
              </tr>
            ))}
            {requests !== null && shown.length === 0 ? (
              <tr>
                <td colSpan={6}>
                  <Bi ja="該当する請求はありません。" en="No request matches." />
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </Screen>
  );
}

/** The identifiers the request was opened with (forgotten once the person is erased). */
export function describePerson(person: ContactsSchemas['schemas']['PersonIdentificationResponse'] | undefined): string | undefined {
  if (!person) return undefined;
  const parts = [person.name, person.organization, person.email, person.phone].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(' / ') : undefined;
}
