import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import { RULE_LABELS, auditOutcome, labelOf, type Alert, type AlertPage } from './audit-api';

/** The alerts audit raised (unusual reads, repeated refusals, ineligible companies, a broken chain), and acknowledging them with a note. */
export function AlertsScreen() {
  const { api } = useDesk();
  const [includeAcknowledged, setIncludeAcknowledged] = useState(false);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    async (cursor?: string) => {
      const outcome = await auditOutcome<AlertPage>(api.audit.GET('/audit/alerts', { params: { query: { status: includeAcknowledged ? undefined : 'OPEN', cursor } } }));
      if (!outcome.ok) {
        setProblem(outcome.problem);
        return;
      }
      setAlerts((shown) => [...(cursor ? (shown ?? []) : []), ...outcome.data.alerts]);
      setNextCursor(outcome.data.nextCursor ?? null);
      setProblem(undefined);
    },
    [api, includeAcknowledged],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const acknowledged = (updated: Alert) => {
    setAlerts((shown) => (shown ?? []).map((alert) => (alert.id === updated.id ? { ...alert, ...updated } : alert)));
    setNotice(`確認済みにしました。 Alert acknowledged (${labelOf(RULE_LABELS, updated.rule)}, ${updated.companyCode}).`);
  };

  return (
    <Screen titleJa="アラート" titleEn="Alerts" intro={<Bi ja="監査が検知した注意すべきアクセス" en="Accesses audit found worth a look" />}>
      <div className="card">
        <label className="checkbox">
          <input type="checkbox" id="alerts-include-acknowledged" checked={includeAcknowledged} onChange={(e) => setIncludeAcknowledged(e.target.checked)} />{' '}
          <Bi ja="確認済みも表示" en="Include acknowledged alerts" />
        </label>
      </div>
      {problem ? <ProblemMessage problem={problem} what="アラートを処理できませんでした。 The alerts could not be loaded or updated." /> : null}
      {notice ? (
        <p className="message success" role="status" id="alerts-notice">
          {notice}
        </p>
      ) : null}
      <div className="table-wrap">
        <table id="alerts-table" aria-busy={alerts === null}>
          <caption>
            <span role="status">
              {alerts === null
                ? '読み込み中… Loading…'
                : `${formatCount(alerts.length)} 件 · ${formatCount(alerts.length)} ${includeAcknowledged ? '' : 'open '}alert${alerts.length === 1 ? '' : 's'}`}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Bi ja="発生" en="Raised" />
              </th>
              <th scope="col">
                <Bi ja="規則" en="Rule" />
              </th>
              <th scope="col">
                <Bi ja="会社" en="Company" />
              </th>
              <th scope="col">
                <Bi ja="内容" en="Detail" />
              </th>
              <th scope="col">
                <Bi ja="状態" en="Status" />
              </th>
            </tr>
          </thead>
          <tbody>
            {(alerts ?? []).map((alert) => (
              <AlertRow key={alert.id} alert={alert} onAcknowledged={acknowledged} onProblem={setProblem} />
            ))}
          </tbody>
        </table>
      </div>
      {alerts?.length === 0 ? (
        <p className="message info" role="status" id="alerts-none">
          {includeAcknowledged ? 'アラートはありません。 No alerts.' : '未確認のアラートはありません。 No open alerts.'}
        </p>
      ) : null}
      {nextCursor ? (
        <div className="actions">
          <button type="button" id="alerts-more" onClick={() => void load(nextCursor)}>
            <Bi ja="さらに表示" en="Show more" />
          </button>
        </div>
      ) : null}
    </Screen>
  );
}

function AlertRow({ alert, onAcknowledged, onProblem }: { alert: Alert; onAcknowledged: (alert: Alert) => void; onProblem: (problem: ApiProblem) => void }) {
  const { api } = useDesk();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const noteId = `note-${alert.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    const text = note.trim();
    const outcome = await auditOutcome<Alert>(api.audit.POST('/audit/alerts/{id}/acknowledgement', { params: { path: { id: alert.id } }, body: text ? { note: text } : {} }));
    setSending(false);
    if (outcome.ok) {
      setOpen(false);
      onAcknowledged(outcome.data);
    } else onProblem(outcome.problem);
  };

  return (
    <tr data-alert-id={alert.id}>
      <td className="nowrap">{formatDateTime(alert.raisedAt)}</td>
      <td>{labelOf(RULE_LABELS, alert.rule)}</td>
      <td>{alert.companyCode}</td>
      <td>
        {alert.detail}
        {alert.occurrences > 1 ? (
          <div className="hint">
            {formatCount(alert.occurrences)} 回、最後は {formatDateTime(alert.lastSeenAt)} · Seen {formatCount(alert.occurrences)} times, last at {formatDateTime(alert.lastSeenAt)}
          </div>
        ) : null}
      </td>
      <td>
        {alert.acknowledgedAt ? (
          <>
            <span className="badge">確認済み · Acknowledged</span>
            <div className="hint">
              {alert.acknowledgedBy ?? '—'} · {formatDateTime(alert.acknowledgedAt)}
            </div>
            {alert.note ? <div className="hint">Note: {alert.note}</div> : null}
          </>
        ) : open ? (
          <form className="ack-form" onSubmit={(event) => void submit(event)}>
            <label htmlFor={noteId}>
              <Bi ja="メモ（任意）" en="Note (optional)" />
            </label>
            <textarea id={noteId} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
            <div className="actions">
              <button type="submit" className="primary" disabled={sending}>
                <Bi ja="確認済みにする" en="Confirm acknowledgement" />
              </button>
              <button type="button" onClick={() => setOpen(false)} disabled={sending}>
                <Bi ja="やめる" en="Cancel" />
              </button>
            </div>
          </form>
        ) : (
          <>
            <span className="badge warn">未確認 · Open</span>{' '}
            <button type="button" onClick={() => setOpen(true)} aria-label={`確認する · Acknowledge: ${labelOf(RULE_LABELS, alert.rule)}, ${alert.companyCode}`}>
              <Bi ja="確認する" en="Acknowledge" />
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
