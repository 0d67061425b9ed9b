import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ContactsSchemas } from '../../api/clients';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDate, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import { ACQUISITION_METHOD_LABELS, ACQUISITION_METHODS, type AcquisitionMethod } from './acquisition-methods';

type Contact = ContactsSchemas['schemas']['ContactResponse'];

interface Filters {
  organization: string;
  email: string;
  acquisitionMethod: AcquisitionMethod | '';
}

const NO_FILTERS: Filters = { organization: '', email: '', acquisitionMethod: '' };

/** "Our company's contacts": the contacts the signed-in person's company acquired, newest first, filtered, a page at a time. */
export function ContactListScreen() {
  const { api, session } = useDesk();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The cursors of the pages before this one, to go back; undefined is the first page.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [loading, setLoading] = useState(false);
  const cursor = cursors.at(-1);

  const load = useCallback(async () => {
    setLoading(true);
    const outcome = await outcomeOf(
      'contacts',
      api.contacts.GET('/contacts', {
        params: {
          // The page size is the service's default (50): its OpenAPI document does not yet type `limit` as a number.
          query: {
            cursor,
            organization: filters.organization.trim() || undefined,
            email: filters.email.trim() || undefined,
            acquisitionMethod: filters.acquisitionMethod || undefined,
          },
        },
      }),
    );
    setLoading(false);
    if (outcome.ok) {
      setContacts(outcome.data.contacts);
      setNextCursor(outcome.data.nextCursor ?? null);
      setProblem(undefined);
    } else setProblem(outcome.problem);
  }, [api, cursor, filters]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setCursors([undefined]);
  };
  const page = cursors.length;

  return (
    <Screen titleJa="自社の連絡先" titleEn="Our company's contacts" intro={<Bi ja={`${session.companyCode} が取得した連絡先（新しい順）`} en={`Contacts ${session.companyCode} acquired, newest first`} />}>
      <form className="card filters" onSubmit={search} aria-labelledby="filters-heading">
        <h2 id="filters-heading">
          <Bi ja="絞り込み" en="Filters" />
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="filter-organization">
              <Bi ja="会社名（一部）" en="Organization (part of the name)" />
            </label>
            <input id="filter-organization" value={draft.organization} maxLength={200} onChange={(e) => setDraft({ ...draft, organization: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="filter-email">
              <Bi ja="メールアドレス" en="E-mail" />
            </label>
            <input id="filter-email" type="email" value={draft.email} maxLength={254} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="filter-method">
              <Bi ja="取得方法" en="Acquired by" />
            </label>
            <select id="filter-method" value={draft.acquisitionMethod} onChange={(e) => setDraft({ ...draft, acquisitionMethod: e.target.value as AcquisitionMethod | '' })}>
              <option value="">すべて · Any</option>
              {ACQUISITION_METHODS.map((method) => (
                <option key={method} value={method}>
                  {ACQUISITION_METHOD_LABELS[method].ja} · {ACQUISITION_METHOD_LABELS[method].en}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary" id="search-contacts">
            <Bi ja="検索" en="Search" />
          </button>
          <button type="button" onClick={clear}>
            <Bi ja="条件をクリア" en="Clear filters" />
          </button>
        </div>
      </form>

      {problem ? <ProblemMessage problem={problem} what="連絡先を読み込めませんでした。 The contacts could not be loaded." /> : null}

      <div className="table-wrap">
        <table id="contacts-table" aria-busy={loading}>
          <caption>
            <span id="contacts-summary" role="status">
              {contacts === null
                ? '読み込み中… Loading…'
                : `${page} ページ目 · Page ${formatCount(page)}: ${formatCount(contacts.length)} 件 · ${formatCount(contacts.length)} contact${contacts.length === 1 ? '' : 's'}`}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi ja="氏名" en="Name" />
              </th>
              <th scope="col">
                <Bi ja="会社・部署" en="Organization" />
              </th>
              <th scope="col">
                <Bi ja="連絡先" en="E-mail / phone" />
              </th>
              <th scope="col">
                <Bi ja="取得" en="Acquired" />
              </th>
              <th scope="col">
                <Bi ja="最終更新" en="Last change" />
              </th>
            </tr>
          </thead>
          <tbody>
            {(contacts ?? []).map((contact) => {
              const latest = contact.acquisitions.at(-1);
              const method = latest ? ACQUISITION_METHOD_LABELS[latest.method as AcquisitionMethod] : undefined;
              return (
                <tr key={contact.id}>
                  <td>
                    <Link to={`/sales/contacts/${contact.id}`}>{contact.name.full}</Link>
                    {contact.name.kana ? <div className="hint">{contact.name.kana}</div> : null}
                  </td>
                  <td>
                    {contact.organizationName}
                    {contact.department ? <div className="hint">{contact.department}</div> : null}
                  </td>
                  <td>
                    {contact.email ?? '—'}
                    {contact.phone ? <div className="hint">{contact.phone}</div> : null}
                  </td>
                  <td>
                    {latest ? (
                      <>
                        {formatDate(latest.acquiredOn)}
                        <div className="hint">{method ? `${method.ja} · ${method.en}` : latest.method}</div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{formatDateTime(contact.updatedAt)}</td>
                </tr>
              );
            })}
            {contacts !== null && contacts.length === 0 ? (
              <tr>
                <td colSpan={5}>
                  <Bi ja="該当する連絡先はありません。" en="No contact matches." />
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav className="actions pager" aria-label="Pages / ページ">
        <button type="button" id="previous-page" disabled={page === 1 || loading} onClick={() => setCursors(cursors.slice(0, -1))}>
          <Bi ja="前のページ" en="Previous page" />
        </button>
        <button type="button" id="next-page" disabled={!nextCursor || loading} onClick={() => nextCursor && setCursors([...cursors, nextCursor])}>
          <Bi ja="次のページ" en="Next page" />
        </button>
      </nav>
    </Screen>
  );
}
