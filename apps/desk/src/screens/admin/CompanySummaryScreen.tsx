import { useState, type FormEvent } from 'react';
import { outcomeOf } from '../../api/call';
import type { AuditSchemas } from '../../api/clients';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDateTime } from '../../app/format';
import { Screen } from '../../app/Screen';
import { ProblemMessage } from '../common/ProblemMessage';
import { tokyoInstant } from './audit-api';

type Summary = AuditSchemas['schemas']['CompanySummaryResponse'];

/** One company's accesses over a period, counted by purpose and outcome. */
export function CompanySummaryScreen() {
  const { api } = useDesk();
  const [company, setCompany] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [loading, setLoading] = useState(false);

  const show = async (event: FormEvent) => {
    event.preventDefault();
    const code = company.trim();
    const period = { from: tokyoInstant(from), to: tokyoInstant(to) };
    if (!code) return setInvalid('会社コードを入力してください。 Enter a company code, such as STAFFING-JP.');
    if (period.from && period.to && period.from > period.to) return setInvalid('「開始」は「終了」より前にしてください。 “From” must be before “To”.');
    setInvalid(undefined);
    setLoading(true);
    const outcome = await outcomeOf('audit', api.audit.GET('/audit/companies/{companyCode}/summary', { params: { path: { companyCode: code }, query: period } }));
    setLoading(false);
    if (outcome.ok) {
      setSummary(outcome.data);
      setProblem(undefined);
    } else {
      setSummary(null);
      setProblem(outcome.problem);
    }
  };

  const byPurpose = new Map<string, { GRANTED: number; DENIED: number }>();
  for (const { purpose, outcome, count } of summary?.counts ?? []) {
    const key = typeof purpose === 'string' ? purpose : '';
    const row = byPurpose.get(key) ?? { GRANTED: 0, DENIED: 0 };
    row[outcome] += Number(count);
    byPurpose.set(key, row);
  }
  const rows = [...byPurpose.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const totals = rows.reduce((sum, [, counts]) => ({ GRANTED: sum.GRANTED + counts.GRANTED, DENIED: sum.DENIED + counts.DENIED }), { GRANTED: 0, DENIED: 0 });
  const period = (value: unknown, otherwise: string) => (typeof value === 'string' ? formatDateTime(value) : otherwise);

  return (
    <Screen titleJa="会社別の集計" titleEn="Company summary" intro={<Bi ja="期間中のアクセスを利用目的と結果で集計" en="A company's accesses over a period, by purpose and outcome" />}>
      <form className="card filters" onSubmit={(event) => void show(event)} aria-labelledby="summary-form-heading" noValidate>
        <h2 id="summary-form-heading">
          <Bi ja="会社と期間" en="Company and period" />
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="s-company">
              <Bi ja="会社コード" en="Company code" />
            </label>
            <input id="s-company" value={company} maxLength={64} onChange={(e) => setCompany(e.target.value)} autoComplete="off" aria-invalid={invalid && !company.trim() ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="s-from">
              <Bi ja="開始（日本時間）" en="From (Tokyo time)" />
            </label>
            <input id="s-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="s-to">
              <Bi ja="終了（日本時間）" en="To (Tokyo time)" />
            </label>
            <input id="s-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {invalid ? (
          <p className="message error" role="alert">
            {invalid}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" id="show-summary" disabled={loading}>
            <Bi ja="集計する" en="Summarize" />
          </button>
        </div>
      </form>
      {problem ? <ProblemMessage problem={problem} what="集計できませんでした。 The summary could not be made." /> : null}
      {summary ? (
        <div className="table-wrap">
          <table id="summary-table">
            <caption id="summary-period">
              {summary.companyCode}: {period(summary.from, 'the beginning')} – {period(summary.to, 'now')} · {formatCount(totals.GRANTED + totals.DENIED)} accesses
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Bi ja="利用目的" en="Purpose" />
                </th>
                <th scope="col" className="number">
                  <Bi ja="許可" en="Granted" />
                </th>
                <th scope="col" className="number">
                  <Bi ja="拒否" en="Denied" />
                </th>
                <th scope="col" className="number">
                  <Bi ja="合計" en="Total" />
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={4}>この期間のアクセスはありません。 No accesses in this period.</td>
                </tr>
              ) : (
                rows.map(([purpose, counts]) => (
                  <tr key={purpose || 'none'}>
                    <th scope="row" className="mono">
                      {purpose || '目的なし · No purpose declared'}
                    </th>
                    <td className="number">{formatCount(counts.GRANTED)}</td>
                    <td className="number">{formatCount(counts.DENIED)}</td>
                    <td className="number">{formatCount(counts.GRANTED + counts.DENIED)}</td>
                  </tr>
                ))
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">
                  <Bi ja="合計" en="Total" />
                </th>
                <td className="number">{formatCount(totals.GRANTED)}</td>
                <td className="number">{formatCount(totals.DENIED)}</td>
                <td className="number">{formatCount(totals.GRANTED + totals.DENIED)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </Screen>
  );
}
