import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import {
  OPERATION_LABELS,
  OPERATIONS,
  OUTCOME_LABELS,
  OUTCOMES,
  PURPOSES,
  REASON_LABELS,
  REASONS,
  UUID,
  labelOf,
  tokyoInstant,
  type AccessOperation,
  type AccessOutcome,
  type AccessRecord,
  type DenialReason,
} from './audit-api';
import { CsvExport } from './CsvExport';

interface Filters {
  companyCode: string;
  contactId: string;
  purpose: string;
  outcome: AccessOutcome | '';
  reason: DenialReason | '';
  operation: AccessOperation | '';
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { companyCode: '', contactId: '', purpose: '', outcome: '', reason: '', operation: '', from: '', to: '' };

/** The filters as audit's query, or the reason they cannot be sent. */
function queryOf(filters: Filters): { query: Record<string, string | undefined> } | { invalid: string } {
  const contactId = filters.contactId.trim();
  if (contactId && !UUID.test(contactId)) return { invalid: '連絡先 ID は UUID です。 The contact id must be a UUID, such as 0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90.' };
  const from = tokyoInstant(filters.from);
  const to = tokyoInstant(filters.to);
  if (from && to && from > to) return { invalid: '「開始」は「終了」より前にしてください。 “From” must be before “To”.' };
  return {
    query: {
      companyCode: filters.companyCode.trim() || undefined,
      contactId: contactId || undefined,
      purpose: filters.purpose || undefined,
      outcome: filters.outcome || undefined,
      reason: filters.reason || undefined,
      operation: filters.operation || undefined,
      from,
      to,
    },
  };
}

/** The record of every cross-company access, newest first, with every filter audit has, a page at a time; and its CSV export. */
export function AccessSearchScreen() {
  const { api } = useDesk();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [records, setRecords] = useState<AccessRecord[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [invalid, setInvalid] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      const built = queryOf(filters);
      if ('invalid' in built) return;
      setLoading(true);
      const outcome = await outcomeOf('audit', api.audit.GET('/audit/accesses', { params: { query: { ...built.query, cursor } as never } }));
      setLoading(false);
      if (!outcome.ok) {
        setProblem(outcome.problem);
        return;
      }
      const page = outcome.data as unknown as { records: AccessRecord[]; nextCursor?: string | null };
      setRecords((shown) => (cursor ? [...(shown ?? []), ...page.records] : page.records));
      setNextCursor(page.nextCursor ?? null);
      setProblem(undefined);
    },
    [api, filters],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const built = queryOf(draft);
    setInvalid('invalid' in built ? built.invalid : undefined);
    if (!('invalid' in built)) setFilters({ ...draft });
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setInvalid(undefined);
  };
  const exportQuery = () => {
    const built = queryOf(filters);
    if ('invalid' in built) return null;
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(built.query)) if (value) params.set(name, value);
    return params;
  };
  const set = <K extends keyof Filters>(name: K) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value as Filters[K] });

  return (
    <Screen titleJa="アクセスの記録" titleEn="Access records" intro={<Bi ja="グループ会社による連絡先へのアクセス（新しい順）" en="Every access by a group company to the contacts, newest first" />}>
      <form className="card filters" onSubmit={search} aria-labelledby="access-filters-heading" noValidate>
        <h2 id="access-filters-heading">
          <Bi ja="絞り込み" en="Filters" />
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="f-company">
              <Bi ja="会社コード" en="Company code" />
            </label>
            <input id="f-company" value={draft.companyCode} maxLength={64} onChange={set('companyCode')} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="f-contact">
              <Bi ja="連絡先 ID" en="Contact id" />
            </label>
            <input id="f-contact" value={draft.contactId} maxLength={36} onChange={set('contactId')} autoComplete="off" aria-invalid={invalid?.includes('UUID') || undefined} />
          </div>
          <div className="field">
            <label htmlFor="f-purpose">
              <Bi ja="利用目的" en="Purpose" />
            </label>
            <select id="f-purpose" value={draft.purpose} onChange={set('purpose')}>
              <option value="">すべて · Any</option>
              {PURPOSES.map((purpose) => (
                <option key={purpose} value={purpose}>
                  {purpose}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-operation">
              <Bi ja="操作" en="Operation" />
            </label>
            <select id="f-operation" value={draft.operation} onChange={set('operation')}>
              <option value="">すべて · Any</option>
              {OPERATIONS.map((operation) => (
                <option key={operation} value={operation}>
                  {labelOf(OPERATION_LABELS, operation)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="f-outcome">
              <Bi ja="結果" en="Outcome" />
            </label>
            <select id="f-outcome" value={draft.outcome} onChange={set('outcome')}>
              <option value="">すべて · Any</option>
              {OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {labelOf(OUTCOME_LABELS, outcome)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-reason">
              <Bi ja="拒否の理由" en="Reason refused" />
            </label>
            <select id="f-reason" value={draft.reason} onChange={set('reason')}>
              <option value="">すべて · Any</option>
              {REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {labelOf(REASON_LABELS, reason)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">
              <Bi ja="開始（日本時間）" en="From (Tokyo time)" />
            </label>
            <input id="f-from" type="datetime-local" value={draft.from} onChange={set('from')} />
          </div>
          <div className="field">
            <label htmlFor="f-to">
              <Bi ja="終了（日本時間）" en="To (Tokyo time)" />
            </label>
            <input id="f-to" type="datetime-local" value={draft.to} onChange={set('to')} />
          </div>
        </div>
        {invalid ? (
          <p className="message error" role="alert">
            {invalid}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" id="search-accesses">
            <Bi ja="検索" en="Search" />
          </button>
          <button type="button" onClick={clear}>
            <Bi ja="条件をクリア" en="Clear filters" />
          </button>
        </div>
        <CsvExport query={exportQuery} />
      </form>

      {problem ? <ProblemMessage problem={problem} what="アクセスの記録を読み込めませんでした。 The access records could not be loaded." /> : null}

      <div className="table-wrap">
        <table id="accesses-table" aria-busy={loading}>
          <caption>
            <span id="accesses-summary" role="status">
              {records === null ? '読み込み中… Loading…' : `${formatCount(records.length)} 件表示 · ${formatCount(records.length)} access${records.length === 1 ? '' : 'es'} shown${nextCursor ? ' (more available)' : ''}`}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi ja="日時" en="When" />
              </th>
              <th scope="col">
                <Bi ja="会社" en="Company" />
              </th>
              <th scope="col">
                <Bi ja="操作" en="Operation" />
              </th>
              <th scope="col">
                <Bi ja="利用目的" en="Purpose" />
              </th>
              <th scope="col">
                <Bi ja="結果" en="Outcome" />
              </th>
              <th scope="col">
                <Bi ja="連絡先" en="Contacts" />
              </th>
              <th scope="col">
                <Bi ja="依頼者" en="Requested by" />
              </th>
            </tr>
          </thead>
          <tbody>
            {(records ?? []).map((record) => (
              <tr key={record.accessId} data-access-id={record.accessId}>
                <td className="nowrap">{formatDateTime(record.accessedAt)}</td>
                <td className="nowrap">{record.companyCode}</td>
                <td>{labelOf(OPERATION_LABELS, record.operation)}</td>
                <td className="mono">{record.purpose ?? '—'}</td>
                <td>
                  <span className={`badge ${record.outcome === 'DENIED' ? 'bad' : 'good'}`}>{labelOf(OUTCOME_LABELS, record.outcome)}</span>
                  {record.reason ? <div className="hint">{labelOf(REASON_LABELS, record.reason)}</div> : null}
                </td>
                <td>
                  {(record.contactIds ?? []).length === 0 ? (
                    formatCount(record.personsAggregated ?? 0)
                  ) : (
                    <ul className="plain">
                      {(record.contactIds ?? []).map((id) => (
                        <li key={id}>
                          <Link to={`/admin/provision/${id}`} className="mono" aria-label={`提供記録 · Record of provision of ${id}`}>
                            {id.slice(0, 8)}…
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{record.requestedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {records !== null && records.length === 0 && !problem ? (
        <p className="message info" role="status">
          条件に合うアクセスはありません。 No accesses match these filters.
        </p>
      ) : null}
      {nextCursor ? (
        <div className="actions">
          <button type="button" id="accesses-more" onClick={() => void load(nextCursor)} disabled={loading}>
            <Bi ja="さらに表示" en="Show more" />
          </button>
        </div>
      ) : null}
    </Screen>
  );
}
