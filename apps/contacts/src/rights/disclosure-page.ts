import type { DisclosureBundle } from './disclosure.service';
import type { RecordOfProvisionDisclosure } from './record-of-provision.gathering';

const escape = (value: unknown): string =>
  String(value ?? '—').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function table(headings: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  return `<table><thead><tr>${headings.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(Array.isArray(cell) ? cell.join(', ') : typeof cell === 'object' && cell !== null ? JSON.stringify(cell) : cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

type Rows = Record<string, unknown>[];

/** How much of the record of provision the page holds: all of it, or where it was cut and how to read on. */
function recordExtent(record: RecordOfProvisionDisclosure): string {
  if (record.complete) return `<p>The complete record: ${escape(record.entries)} ${record.entries === 1 ? 'entry' : 'entries'}. / 提供記録の全${escape(record.entries)}件です。</p>`;
  return `<p class="cut"><strong>この提供記録は一部です。全${escape(record.totalEntries)}件のうち、最初の${escape(record.entries)}件を記載しています。<br>
This record of provision is cut: it holds the first ${escape(record.entries)} of ${escape(record.totalEntries)} entries (the bound is ${escape(record.limit)}).</strong>
The entries are in the order they were recorded, deliveries and withdrawals first, then reads. The administrator reads the rest from
audit at <code>GET ${escape(record.rest?.route)}</code>, following <code>nextCursor</code> until it is null, and sends it with this answer.
残りは監査サービスの上記の経路から取得し、あわせてお送りします。</p>`;
}

/** The bundle as a page to print and hand over: the same content as the JSON, in plain tables. */
export function disclosurePage(bundle: DisclosureBundle): string {
  const notice = bundle.notice;
  const persons = bundle.persons
    .map((person) => {
      const contact = person.contact;
      const sharing = person.sharing as { items?: Record<string, unknown> | null; deliveries?: Rows; suspended?: boolean } | null;
      const record = person.recordOfProvision;
      return `<section><h2>Contact ${escape(person.contactId)}</h2>
        ${contact ? `<h3>Items held (contacts)</h3>${table(['item', 'value'], Object.entries(contact).map(([k, v]) => [k, v]))}` : ''}
        ${person.acquisitions.length > 0 ? `<h3>How the data was acquired</h3>${table(['method', 'on', 'company', 'by', 'notice of purpose', 'memo', 'card image', 'items as submitted'], person.acquisitions.map((a) => [a['method'], a['acquiredOn'], a['companyCode'], a['acquiredBy'], a['purposeNotice'], a['memo'], a['cardImageRef'], a['submittedItems']]))}` : ''}
        ${person.corrections.length > 0 ? `<h3>Corrections</h3>${table(['company', 'by', 'items as stated', 'when'], person.corrections.map((k) => [k['companyCode'] ?? 'privacy office', k['correctedBy'], k['statedItems'], k['recordedAt']]))}` : ''}
        ${sharing ? `<h3>Held for joint use (sharing)</h3>${table(['item', 'value'], Object.entries(sharing.items ?? {}).map(([k, v]) => [k, v]))}<p>Joint use suspended: ${sharing.suspended ? 'yes' : 'no'}</p>
          ${table(['company', 'state', 'version', 'since'], (sharing.deliveries ?? []).map((d) => [d['companyCode'], d['state'], d['version'], d['updatedAt']]))}` : ''}
        ${record ? `<h3>Record of provision (audit)</h3>${recordExtent(record)}<h4>Provided to</h4>${table(['company', 'kind', 'purposes', 'when'], record.provisions.map((p) => [p['companyCode'], p['kind'], p['purposes'], p['providedAt']]))}
          <h4>Read by</h4>${table(['company', 'operation', 'purpose', 'when'], record.accesses.map((a) => [a['companyCode'], a['operation'], a['purpose'], a['accessedAt']]))}` : ''}
      </section>`;
    })
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Disclosure ${escape(bundle.requestId)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #c9ced6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}section{page-break-inside:avoid;margin-top:1.5rem}.none{color:#5b6470}.cut{border:2px solid #b42318;padding:.5rem .75rem;background:#fef3f2}</style></head><body>
<h1>保有個人データの開示 / Disclosure of retained personal data</h1>
<p>Request ${escape(bundle.requestId)} (${escape(bundle.requestType)}), prepared ${escape(bundle.preparedAt)} by ${escape(bundle.preparedBy)}.</p>
<h2>共同利用 / Joint use (notice version ${escape(notice.version)})</h2>
${table(['code', '利用目的', 'purpose'], notice.purposes.map((p) => [p.code, p.wording.ja, p.wording.en]))}
${persons}
</body></html>`;
}
