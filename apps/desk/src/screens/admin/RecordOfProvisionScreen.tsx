import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { navigate } from '../../app/router';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import { OPERATION_LABELS, UUID, labelOf, type RecordOfProvisionPage } from './audit-api';

type Entries = Pick<RecordOfProvisionPage, 'provisions' | 'accesses'>;

/** The record of provision of one person (APPI Art. 29/30): to which companies their data went and who read it, a page at a time. */
export function RecordOfProvisionScreen({ contactId }: { contactId?: string }) {
  const { api } = useDesk();
  const [draft, setDraft] = useState(contactId ?? '');
  const [invalid, setInvalid] = useState<string>();
  const [entries, setEntries] = useState<Entries | null>(null);
  const [total, setTotal] = useState<RecordOfProvisionPage['total'] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      if (!contactId) return;
      setLoading(true);
      const outcome = await outcomeOf('audit', api.audit.GET('/audit/contacts/{contactId}/record-of-provision', { params: { path: { contactId }, query: { cursor } } }));
      setLoading(false);
      if (!outcome.ok) {
        setProblem(outcome.problem);
        return;
      }
      const page = outcome.data;
      setEntries((shown) => ({
        provisions: [...(cursor ? (shown?.provisions ?? []) : []), ...(page.provisions ?? [])],
        accesses: [...(cursor ? (shown?.accesses ?? []) : []), ...(page.accesses ?? [])],
      }));
      setTotal(page.total);
      setNextCursor((page.nextCursor as unknown as string | null | undefined) ?? null);
      setProblem(undefined);
    },
    [api, contactId],
  );

  useEffect(() => {
    setEntries(null);
    setDraft(contactId ?? '');
    void load();
  }, [load, contactId]);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = draft.trim();
    if (!UUID.test(id)) {
      setInvalid('連絡先 ID は UUID です。 The contact id must be a UUID, such as 0b5e6f2c-3f0a-4d8e-9a51-2c7d1e4b8a90.');
      return;
    }
    setInvalid(undefined);
    navigate(`/admin/provision/${id}`);
  };

  const provisions = entries?.provisions ?? [];
  const reads = entries?.accesses ?? [];
  const shown = provisions.length + reads.length;
  return (
    <Screen titleJa="提供の記録" titleEn="Record of provision" intro={<Bi ja="ある人の情報をどの会社に提供し、誰が閲覧したか" en="Which companies received a person's data, and who read it" />}>
      <form className="card filters" onSubmit={open} aria-labelledby="provision-form-heading" noValidate>
        <h2 id="provision-form-heading">
          <Bi ja="連絡先" en="Contact" />
        </h2>
        <div className="field">
          <label htmlFor="p-contact">
            <Bi ja="連絡先 ID" en="Contact id" />
          </label>
          <input id="p-contact" value={draft} maxLength={36} onChange={(e) => setDraft(e.target.value)} autoComplete="off" aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? 'p-contact-error' : undefined} />
          {invalid ? (
            <p className="field-error" id="p-contact-error" role="alert">
              {invalid}
            </p>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" className="primary" id="show-provision">
            <Bi ja="表示" en="Show" />
          </button>
        </div>
      </form>

      {problem ? <ProblemMessage problem={problem} what="提供の記録を読み込めませんでした。 The record could not be loaded." /> : null}

      {contactId && entries ? (
        <>
          <p id="provision-summary" role="status">
            {contactId}: {formatCount(total?.provisions ?? provisions.length)} 件の提供・{formatCount(total?.accesses ?? reads.length)} 件の閲覧 · {formatCount(total?.provisions ?? provisions.length)} provisions,{' '}
            {formatCount(total?.accesses ?? reads.length)} reads
            {nextCursor ? ` (${formatCount(shown)} of ${formatCount(total?.entries ?? shown)} shown)` : ''}
          </p>
          <div className="table-wrap">
            <table id="provision-table" aria-busy={loading}>
              <caption>
                <Bi ja="提供と撤回" en="Deliveries and withdrawals" />
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
                    <Bi ja="種別" en="Kind" />
                  </th>
                  <th scope="col" className="number">
                    <Bi ja="版" en="Version" />
                  </th>
                  <th scope="col">
                    <Bi ja="利用目的" en="Purposes" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {provisions.length === 0 ? (
                  <tr>
                    <td colSpan={5}>グループ会社への提供はありません。 Never provided to a group company.</td>
                  </tr>
                ) : (
                  provisions.map((p) => (
                    <tr key={`p-${p.seq}`}>
                      <td className="nowrap">{formatDateTime(p.providedAt ?? '')}</td>
                      <td>{p.companyCode}</td>
                      <td>
                        <span className={`badge ${p.kind === 'WITHDRAWN' ? 'warn' : 'good'}`}>{p.kind === 'WITHDRAWN' ? '撤回 · Withdrawn' : '提供 · Delivered'}</span>
                      </td>
                      <td className="number">{formatCount(p.version ?? 0)}</td>
                      <td className="mono">{(p.purposes ?? []).join(', ')}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <div className="table-wrap">
            <table id="provision-reads-table" aria-busy={loading}>
              <caption>
                <Bi ja="閲覧（許可されたもの）" en="Reads (granted)" />
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
                    <Bi ja="依頼者" en="Requested by" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {reads.length === 0 ? (
                  <tr>
                    <td colSpan={5}>どの会社も閲覧していません。 Not read by any company.</td>
                  </tr>
                ) : (
                  reads.map((a) => (
                    <tr key={`a-${a.seq}`}>
                      <td className="nowrap">{formatDateTime(a.accessedAt ?? '')}</td>
                      <td>{a.companyCode}</td>
                      <td>{labelOf(OPERATION_LABELS, a.operation)}</td>
                      <td className="mono">{a.purpose ?? '—'}</td>
                      <td>{a.requestedBy}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          {nextCursor ? (
            <div className="actions">
              <button type="button" id="provision-more" onClick={() => void load(nextCursor)} disabled={loading}>
                <Bi ja="さらに表示" en="Show more" />
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}
