import { useRef, useState } from 'react';
import { isApiProblem, unreachable, type ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount } from '../../app/format';
import { ProblemMessage } from '../common/ProblemMessage';

const NEWLINE = 0x0a;

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; bytes: number; rows: number }
  | { kind: 'done'; bytes: number; rows: number; fileName: string }
  | { kind: 'cancelled'; bytes: number; rows: number }
  | { kind: 'failed'; problem: ApiProblem };

/**
 * The accesses matching the filters as CSV, written by audit (BOM, CRLF, defused formulas) and streamed through the
 * desk's proxy: the bytes and rows received so far are shown while it arrives, it can be cancelled, and it is saved
 * from a Blob URL when complete.
 */
export function CsvExport({ query, disabled }: { query: () => URLSearchParams | null; disabled?: boolean }) {
  const { session } = useDesk();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = async () => {
    const params = query();
    if (!params) return;
    const abort = new AbortController();
    controller.current = abort;
    let bytes = 0;
    let newlines = 0;
    setState({ kind: 'running', bytes, rows: 0 });
    try {
      const response = await fetch(`/api/audit/audit/accesses/export.csv?${params.toString()}`, {
        headers: { authorization: `Bearer ${session.accessToken}`, accept: 'text/csv' },
        cache: 'no-store',
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const body: unknown = await response.json().catch(() => null);
        setState({
          kind: 'failed',
          problem: isApiProblem(body) ? body : { statusCode: response.status, code: `HTTP_${response.status}`, message: `The audit service answered HTTP ${response.status}. Try again in a moment.` },
        });
        return;
      }
      const chunks: Uint8Array[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        for (const byte of value) if (byte === NEWLINE) newlines += 1;
        // Rows: the lines after the header.
        setState({ kind: 'running', bytes, rows: Math.max(0, newlines - 1) });
      }
      const fileName = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'accesses.csv';
      save(new Blob(chunks as BlobPart[], { type: 'text/csv;charset=utf-8' }), fileName);
      setState({ kind: 'done', bytes, rows: Math.max(0, newlines - 1), fileName });
    } catch {
      if (abort.signal.aborted) setState({ kind: 'cancelled', bytes, rows: Math.max(0, newlines - 1) });
      else setState({ kind: 'failed', problem: unreachable('audit') });
    } finally {
      controller.current = null;
    }
  };

  const running = state.kind === 'running';
  return (
    <div className="csv-export">
      <div className="actions">
        <button type="button" id="export-csv" onClick={() => void start()} disabled={disabled || running}>
          <Bi ja="CSV に書き出す" en="Export as CSV" />
        </button>
        {running ? (
          <button type="button" id="cancel-export" onClick={() => controller.current?.abort()}>
            <Bi ja="書き出しを中止" en="Cancel export" />
          </button>
        ) : null}
      </div>
      {running ? (
        <div className="export-progress">
          <div
            id="export-progress"
            role="progressbar"
            aria-label="CSV の書き出し · CSV export"
            aria-valuetext={`${formatCount(state.bytes)} bytes, ${formatCount(state.rows)} rows received`}
            className="progress-indeterminate"
          />
          <p role="status" id="export-status">
            {formatCount(state.rows)} 行・{formatCount(state.bytes)} バイト受信 · {formatCount(state.rows)} rows, {formatCount(state.bytes)} bytes received
          </p>
        </div>
      ) : null}
      {state.kind === 'done' ? (
        <p className="message success" role="status" id="export-status">
          {state.fileName} を保存しました（{formatCount(state.rows)} 行）。 Saved {state.fileName}: {formatCount(state.rows)} rows, {formatCount(state.bytes)} bytes.
        </p>
      ) : null}
      {state.kind === 'cancelled' ? (
        <p className="message info" role="status" id="export-status">
          書き出しを中止しました。 The export was cancelled after {formatCount(state.rows)} rows; nothing was saved.
        </p>
      ) : null}
      {state.kind === 'failed' ? <ProblemMessage problem={state.problem} what="CSV を書き出せませんでした。 The CSV could not be exported." /> : null}
    </div>
  );
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by then; a later revoke keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
