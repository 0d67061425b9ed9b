import { useCallback, useEffect, useState } from 'react';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import { CHAIN_LABELS, auditOutcome, labelOf, type ScheduledVerification, type VerificationReport } from './audit-api';

const MODE_LABELS = { INCREMENTAL: { ja: '差分', en: 'Incremental' }, FULL: { ja: '全件', en: 'Full' } };

/** The audit chains: their heads, the last verification, verifying now (incrementally or in full), and the schedule. */
export function ChainStatusScreen() {
  const { api } = useDesk();
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [never, setNever] = useState(false);
  const [schedule, setSchedule] = useState<ScheduledVerification[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [running, setRunning] = useState<'INCREMENTAL' | 'FULL' | null>(null);
  const [finished, setFinished] = useState<VerificationReport | null>(null);

  const loadLatest = useCallback(async () => {
    const [latest, scheduled] = await Promise.all([
      auditOutcome<VerificationReport>(api.audit.GET('/audit/verifications/latest')),
      auditOutcome<ScheduledVerification[]>(api.audit.GET('/audit/verifications/schedule')),
    ]);
    if (latest.ok) setReport(latest.data);
    else if (latest.status === 404) setNever(true);
    else setProblem(latest.problem);
    if (scheduled.ok) setSchedule(scheduled.data);
    else setProblem(scheduled.problem);
  }, [api]);

  useEffect(() => {
    void loadLatest();
  }, [loadLatest]);

  const verify = async (mode: 'INCREMENTAL' | 'FULL') => {
    setRunning(mode);
    setFinished(null);
    setProblem(undefined);
    const outcome = await auditOutcome<VerificationReport>(api.audit.GET('/audit/verify', { params: { query: mode === 'FULL' ? { full: 'true' } : {} } }));
    setRunning(null);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setReport(outcome.data);
    setFinished(outcome.data);
    setNever(false);
    const scheduled = await auditOutcome<ScheduledVerification[]>(api.audit.GET('/audit/verifications/schedule'));
    if (scheduled.ok) setSchedule(scheduled.data);
  };

  const broken = report?.chains.filter((chain) => chain.firstBroken) ?? [];
  return (
    <Screen titleJa="監査チェーンの状態" titleEn="Audit chain status" intro={<Bi ja="記録が改ざん・削除・挿入されていないことの検証" en="Verification that no record was altered, removed or inserted" />}>
      <div className="card">
        <h2>
          <Bi ja="検証する" en="Verify now" />
        </h2>
        <p className="hint">
          差分検証は前回の検証以降の記録を、全件検証は各チェーンを最初から再計算します。 An incremental verification checks the records added since the last one; a full one recomputes every chain from its
          beginning.
        </p>
        <div className="actions">
          <button type="button" className="primary" id="verify-now" disabled={running !== null} onClick={() => void verify('INCREMENTAL')}>
            <Bi ja="差分検証" en="Verify new records" />
          </button>
          <button type="button" id="verify-full" disabled={running !== null} onClick={() => void verify('FULL')}>
            <Bi ja="全件検証" en="Verify everything" />
          </button>
        </div>
        <div role="status" id="verify-status">
          {running ? <p className="message info">{running === 'FULL' ? '全件検証中… Running a full verification of every chain from its beginning…' : '差分検証中… Verifying the records added since the last verification…'}</p> : null}
          {finished?.status === 'INTACT' ? (
            <p className="message success">
              {labelOf(MODE_LABELS, finished.mode)}: 改ざんはありません（{formatCount(finished.checkedRecords)} 件を検証）。 INTACT: every chain is intact ({formatCount(finished.checkedRecords)} records checked).
            </p>
          ) : null}
        </div>
        {finished?.status === 'BROKEN' ? (
          <div className="message error" role="alert">
            <p>
              チェーンが壊れています。 BROKEN: a record was altered, removed or inserted. Report it to the personal information protection office with the first broken record below.
            </p>
          </div>
        ) : null}
      </div>

      {problem ? <ProblemMessage problem={problem} what="監査チェーンを確認できませんでした。 The audit chains could not be checked." /> : null}
      {never && !report ? (
        <p className="message info" role="status">
          まだ検証されていません。 The audit chains have not been verified yet: run a verification.
        </p>
      ) : null}

      {report ? (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">
            <Bi ja="最新の検証" en="Latest verification" />
          </h2>
          <dl className="facts">
            <dt>
              <Bi ja="結果" en="Result" />
            </dt>
            <dd>
              <span id="chain-status" className={`badge ${report.status === 'INTACT' ? 'good' : 'bad'}`}>
                {report.status}
              </span>
            </dd>
            <dt>
              <Bi ja="日時" en="When" />
            </dt>
            <dd>{formatDateTime(report.verifiedAt)}</dd>
            <dt>
              <Bi ja="方法" en="Mode" />
            </dt>
            <dd id="chain-mode">
              {labelOf(MODE_LABELS, report.mode)}
              {report.trigger === 'SCHEDULED' ? '（定期 · scheduled）' : ''}
            </dd>
            <dt>
              <Bi ja="検証した記録" en="Records checked" />
            </dt>
            <dd>{formatCount(report.checkedRecords)}</dd>
          </dl>
          <div className="table-wrap">
            <table id="chain-table">
              <caption>
                <Bi ja="チェーンの先頭" en="Chain heads" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Bi ja="チェーン" en="Chain" />
                  </th>
                  <th scope="col">
                    <Bi ja="状態" en="Status" />
                  </th>
                  <th scope="col" className="number">
                    <Bi ja="先頭の番号" en="Head" />
                  </th>
                  <th scope="col">
                    <Bi ja="先頭のハッシュ" en="Head hash" />
                  </th>
                  <th scope="col" className="number">
                    <Bi ja="検証した記録" en="Checked" />
                  </th>
                  <th scope="col">
                    <Bi ja="最初の破損" en="First broken record" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.chains.map((chain) => (
                  <tr key={chain.chain}>
                    <td>{labelOf(CHAIN_LABELS, chain.chain)}</td>
                    <td>
                      <span className={`badge ${chain.status === 'INTACT' ? 'good' : 'bad'}`}>{chain.status}</span>
                    </td>
                    <td className="number">{formatCount(Number(chain.headSeq))}</td>
                    <td className="mono" title={chain.headHash}>
                      {chain.headHash ? `${chain.headHash.slice(0, 16)}…` : '—'}
                    </td>
                    <td className="number">
                      {formatCount(chain.checkedRecords)}
                      <div className="hint">after #{formatCount(Number(chain.checkedFrom))}</div>
                    </td>
                    <td className={chain.firstBroken ? 'broken' : undefined}>
                      {chain.firstBroken ? `#${chain.firstBroken.seq}${chain.firstBroken.eventId ? ` (event ${chain.firstBroken.eventId})` : ''}: ${chain.firstBroken.problem}` : 'なし · None'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {broken.length > 0 ? (
            <p className="message error" role="alert">
              {broken.map((chain) => `${labelOf(CHAIN_LABELS, chain.chain)}: #${chain.firstBroken?.seq} ${chain.firstBroken?.problem}`).join(' / ')}
            </p>
          ) : null}
        </section>
      ) : null}

      {schedule ? (
        <section aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">
            <Bi ja="定期検証" en="Verification schedule" />
          </h2>
          <div className="table-wrap">
            <table id="schedule-table">
              <thead>
                <tr>
                  <th scope="col">
                    <Bi ja="方法" en="Mode" />
                  </th>
                  <th scope="col" className="number">
                    <Bi ja="間隔" en="Every" />
                  </th>
                  <th scope="col">
                    <Bi ja="前回の開始" en="Last started" />
                  </th>
                  <th scope="col">
                    <Bi ja="前回の終了" en="Last finished" />
                  </th>
                  <th scope="col">
                    <Bi ja="前回の結果" en="Last run" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {schedule.map((job) => (
                  <tr key={job.mode}>
                    <td>{labelOf(MODE_LABELS, job.mode)}</td>
                    <td className="number">{every(job.intervalSeconds)}</td>
                    <td>{job.lastStartedAt ? formatDateTime(job.lastStartedAt) : '—'}</td>
                    <td>{job.lastFinishedAt ? formatDateTime(job.lastFinishedAt) : '—'}</td>
                    <td>{job.lastRun === 'DONE' ? '完了 · Done' : job.lastRun === 'FAILED' ? '失敗 · Failed (see the service log)' : '未実行 · Not run yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Screen>
  );
}

function every(seconds: number): string {
  if (seconds % 3600 === 0) return `${formatCount(seconds / 3600)} 時間 · ${formatCount(seconds / 3600)} h`;
  if (seconds % 60 === 0) return `${formatCount(seconds / 60)} 分 · ${formatCount(seconds / 60)} min`;
  return `${formatCount(seconds)} 秒 · ${formatCount(seconds)} s`;
}
