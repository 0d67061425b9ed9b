import { useCallback, useEffect, useState } from 'react';
import type { ContactsSchemas } from '../../api/clients';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';

type DeskAlert = ContactsSchemas['schemas']['DeskAlertResponse'];
type Summary = ContactsSchemas['schemas']['DeskSummaryResponse'];
type Status = 'OPEN' | 'ACKNOWLEDGED';

const KINDS: Record<DeskAlert['kind'], { ja: string; en: string }> = {
  REQUEST_OVERDUE: { ja: '期限を過ぎた請求', en: 'Request overdue' },
  SUPPRESSED_PERSON_RETURNED: { ja: '消去済みの人物の再登録', en: 'Suppressed person registered again' },
  JOINT_USE_NOT_NOTIFIED: { ja: '共同利用が通知されていない人物', en: 'Joint use not notified' },
};

/** What waits for the desk: overdue requests and returning suppressed persons, to acknowledge with a note. */
export function DeskAlertsScreen() {
  const { api } = useDesk();
  const [status, setStatus] = useState<Status>('OPEN');
  const [alerts, setAlerts] = useState<DeskAlert[] | null>(null);
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    setAlerts(null);
    const [listed, counted] = await Promise.all([
      outcomeOf('contacts', api.contacts.GET('/desk-alerts', { params: { query: { status } } })),
      outcomeOf('contacts', api.contacts.GET('/desk-alerts/summary')),
    ]);
    if (listed.ok) setAlerts(listed.data);
    else {
      setAlerts([]);
      setProblem(listed.problem);
    }
    if (counted.ok) setSummary(counted.data);
  }, [api, status]);

  useEffect(() => {
    void load();
  }, [load]);

  const acknowledge = async (alert: DeskAlert) => {
    setProblem(undefined);
    const note = notes[alert.id]?.trim();
    const outcome = await outcomeOf('contacts', api.contacts.POST('/desk-alerts/{id}/acknowledgement', { params: { path: { id: alert.id } }, body: { note: note || undefined } }));
    if (outcome.ok) {
      setNotice(`確認しました · Acknowledged: ${KINDS[alert.kind].en}`);
      await load();
    } else setProblem(outcome.problem);
  };

  return (
    <Screen titleJa="デスクへの通知" titleEn="Desk alerts" intro={<Bi ja="期限を過ぎた請求と、消去後に再登録された人物" en="Overdue requests, and persons erased who registered again" />}>
      {summary ? (
        <dl className="facts card" id="desk-summary">
          <dt>未確認の通知 · Open alerts</dt>
          <dd>{formatCount(summary.openAlerts)}</dd>
          <dt>期限超過の請求 · Overdue requests</dt>
          <dd>{formatCount(summary.overdueRequests)}</dd>
          <dt>保存期間による消去の提案 · Retention proposals</dt>
          <dd>{formatCount(summary.retentionProposals)}</dd>
        </dl>
      ) : null}
      <div className="field">
        <label htmlFor="alert-status">
          <Bi ja="表示" en="Show" />
        </label>
        <select id="alert-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          <option value="OPEN">未確認 · Open</option>
          <option value="ACKNOWLEDGED">確認済み · Acknowledged</option>
        </select>
      </div>
      <div aria-live="polite">{notice ? <p className="message success">{notice}</p> : null}</div>
      {problem ? <ActionProblem problem={problem} what="通知を処理できませんでした。 The alerts could not be handled." /> : null}
      <div className="table-wrap">
        <table id="alerts-table" aria-busy={alerts === null}>
          <caption>
            <span role="status">{alerts === null ? '読み込み中… Loading…' : `${formatCount(alerts.length)} 件 · alerts`}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">種類 · Kind</th>
              <th scope="col">内容 · Detail</th>
              <th scope="col">発生 · Raised</th>
              <th scope="col">{status === 'OPEN' ? '確認 · Acknowledge' : '確認 · Acknowledged'}</th>
            </tr>
          </thead>
          <tbody>
            {(alerts ?? []).map((alert) => (
              <tr key={alert.id}>
                <td>
                  {KINDS[alert.kind].ja} · {KINDS[alert.kind].en}
                </td>
                <td>
                  {alert.detail}
                  <div className="hint">
                    {alert.kind === 'REQUEST_OVERDUE' ? <Link to={`/privacy/requests/${alert.subjectId}`}>請求を開く · Open the request</Link> : `contact ${alert.subjectId}`}
                  </div>
                </td>
                <td>{formatDateTime(alert.raisedAt)}</td>
                <td>
                  {alert.acknowledgedAt ? (
                    <>
                      {formatDateTime(alert.acknowledgedAt)} — {alert.acknowledgedBy}
                      {alert.note ? <div className="hint">{alert.note}</div> : null}
                    </>
                  ) : (
                    <div className="field">
                      <label htmlFor={`note-${alert.id}`}>メモ · Note</label>
                      <input id={`note-${alert.id}`} maxLength={1000} value={notes[alert.id] ?? ''} onChange={(e) => setNotes({ ...notes, [alert.id]: e.target.value })} />
                      <button type="button" onClick={() => void acknowledge(alert)}>
                        <Bi ja="確認済みにする" en="Acknowledge" />
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
            {alerts !== null && alerts.length === 0 ? (
              <tr>
                <td colSpan={4}>
                  <Bi ja="通知はありません。" en="No alerts." />
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </Screen>
  );
}
