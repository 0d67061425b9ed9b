import { REASONS_MAY_BE_EXPLAINED, REFUSAL_GROUND_WORDING, type AnsweredDisclosure, type DisclosureAnswer } from './disclosure-answer';
import type { DisclosedCardImage } from './disclosure.service';
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

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix'];

const DELIVERY_WORDING = { ELECTRONIC: '電磁的記録の提供 / Electronic delivery', PAPER: '書面の交付 / Delivery on paper' } as const;

/** The delivery the person asked for, and the refusal with its ground, its reasons and the right to have them explained. */
function answerSection(answer: DisclosureAnswer): string {
  const delivery = `<p class="delivery">開示の方法 / Method of delivery: <strong>${answer.deliveryMethod ? escape(DELIVERY_WORDING[answer.deliveryMethod]) : '—'}</strong></p>`;
  const refusal = answer.refusal;
  if (!refusal) return delivery;
  const wording = REFUSAL_GROUND_WORDING[refusal.ground];
  return `${delivery}<section class="refusal"><h2>${refusal.extent === 'WHOLE' ? '開示しない旨の決定 / Refusal' : '一部を開示しない旨の決定 / Partial refusal'}</h2>
${refusal.refusedPart ? `<p>開示しない部分 / Not disclosed: ${escape(refusal.refusedPart)}</p>` : ''}
<p>理由 / Ground: ${escape(wording.ja)} ${escape(wording.en)} (${escape(refusal.ground)})</p>
<p>${escape(refusal.explanation)}</p>
<p>${escape(REASONS_MAY_BE_EXPLAINED.ja)} ${escape(REASONS_MAY_BE_EXPLAINED.en)}</p></section>`;
}

/** For delivery on paper: A4 pages, black on white, tables that do not break across a page. */
function paperStyle(answer: DisclosureAnswer): string {
  if (answer.deliveryMethod !== 'PAPER') return '';
  return `@page{size:A4;margin:18mm}body.paper{font:11pt/1.5 serif;margin:0;color:#000}body.paper th{background:none;font-weight:bold}body.paper th,body.paper td{border-color:#000}body.paper tr{page-break-inside:avoid}body.paper h2{page-break-after:avoid}`;
}

/** How much of the record of provision the page holds: all of it, or where it was cut and how to read on. */
function recordExtent(record: RecordOfProvisionDisclosure): string {
  if (record.complete) return `<p>The complete record: ${escape(record.entries)} ${record.entries === 1 ? 'entry' : 'entries'}. / 提供記録の全${escape(record.entries)}件です。</p>`;
  return `<p class="cut"><strong>この提供記録は一部です。全${escape(record.totalEntries)}件のうち、最初の${escape(record.entries)}件を記載しています。<br>
This record of provision is cut: it holds the first ${escape(record.entries)} of ${escape(record.totalEntries)} entries (the bound is ${escape(record.limit)}).</strong>
The entries are in the order they were recorded, deliveries and withdrawals first, then reads. The administrator reads the rest from
audit at <code>GET ${escape(record.rest?.route)}</code>, following <code>nextCursor</code> until it is null, and sends it with this answer.
残りは監査サービスの上記の経路から取得し、あわせてお送りします。</p>`;
}

/** Each card image with its facts; a JPEG or PNG shown inline (the page's CSP allows data: images alone), a PDF listed to send with the answer. */
function cardImagesSection(images: DisclosedCardImage[]): string {
  if (images.length === 0) return '';
  const rows = images
    .map((image) => {
      const shown = INLINE_IMAGE_TYPES.has(image.mediaType)
        ? `<img class="card" alt="Card image of acquisition ${escape(image.acquisitionId)}" src="data:${escape(image.mediaType)};base64,${escape(image.contentBase64)}">`
        : `PDF file, sent with this answer as a file / PDFファイルは別途お送りします`;
      return `<tr><td>${escape(image.companyCode)}</td><td>${escape(image.mediaType)}</td><td>${escape(image.sizeBytes)} bytes</td><td><code>${escape(image.sha256)}</code></td><td>${escape(image.uploadedBy)}<br>${escape(image.uploadedAt)}</td><td>${shown}</td></tr>`;
    })
    .join('');
  return `<h3>名刺画像 / Card images</h3><table><thead><tr><th>company</th><th>type</th><th>size</th><th>SHA-256</th><th>uploaded</th><th>image</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const INLINE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);

/** The page's own policy: nothing runs, nothing is fetched; its inline styles and the card images as data: URIs are all it shows. */
export const DISCLOSURE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The bundle as a page to print and hand over: the same content as the JSON, in plain tables. */
export function disclosurePage(bundle: AnsweredDisclosure): string {
  const notice = bundle.notice;
  const persons = bundle.persons
    .map((person) => {
      const contact = person.contact;
      const sharing = person.sharing as { items?: Record<string, unknown> | null; deliveries?: Rows; suspended?: boolean } | null;
      const record = person.recordOfProvision;
      return `<section><h2>Contact ${escape(person.contactId)}</h2>
        ${contact ? `<h3>Items held (contacts)</h3>${table(['item', 'value'], Object.entries(contact).map(([k, v]) => [k, v]))}` : ''}
        ${person.acquisitions.length > 0 ? `<h3>How the data was acquired, and what the person was told</h3>${table(['company', 'on', 'method', 'notice version', 'purposes shown', 'told of joint use', 'notice shown', 'company’s purposes of use'], person.acquisitions.map((a) => [a['companyCode'], a['acquiredOn'], a['method'], a['noticeVersion'], a['purposesShown'], a['jointUseNotified'] ? 'yes' : 'no', a['noticeWording'], 'policy section 2, items (i)–(ix), below']))}` : ''}
        ${person.acquisitions.some((a) => 'submittedItems' in a) ? `<h3>Acquisitions as recorded</h3>${table(['company', 'on', 'by', 'memo', 'card image', 'items as submitted'], person.acquisitions.map((a) => [a['companyCode'], a['acquiredOn'], a['acquiredBy'], a['memo'], a['cardImageRef'], a['submittedItems']]))}` : ''}
        ${cardImagesSection(person.cardImages ?? [])}
        ${person.jointUseConsents.length > 0 ? `<h3>Consents to joint use</h3>${table(['notice version', 'consented on', 'how', 'recorded by', 'when'], person.jointUseConsents.map((c) => [c['noticeVersion'], c['consentedOn'], c['evidence'], c['recordedBy'], c['recordedAt']]))}` : ''}
        ${person.corrections.length > 0 ? `<h3>Corrections</h3>${table(['company', 'by', 'items as stated', 'when'], person.corrections.map((k) => [k['companyCode'] ?? 'privacy office', k['correctedBy'], k['statedItems'], k['recordedAt']]))}` : ''}
        ${sharing ? `<h3>Held for joint use (sharing)</h3>${table(['item', 'value'], Object.entries(sharing.items ?? {}).map(([k, v]) => [k, v]))}<p>Joint use suspended: ${sharing.suspended ? 'yes' : 'no'}</p>
          ${table(['company', 'state', 'version', 'since'], (sharing.deliveries ?? []).map((d) => [d['companyCode'], d['state'], d['version'], d['updatedAt']]))}` : ''}
        ${record ? `<h3>Record of provision (audit)</h3>${recordExtent(record)}<h4>Provided to</h4>${table(['company', 'kind', 'purposes', 'when'], record.provisions.map((p) => [p['companyCode'], p['kind'], p['purposes'], p['providedAt']]))}
          <h4>Read by</h4>${table(['company', 'operation', 'purpose', 'when'], record.accesses.map((a) => [a['companyCode'], a['operation'], a['purpose'], a['accessedAt']]))}` : ''}
      </section>`;
    })
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Disclosure ${escape(bundle.requestId)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #c9ced6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}section{page-break-inside:avoid;margin-top:1.5rem}.none{color:#5b6470}.refusal{border:2px solid #1b1f24;padding:.5rem 1rem}.cut{border:2px solid #b42318;padding:.5rem .75rem;background:#fef3f2}img.card{max-width:90mm;max-height:60mm}${paperStyle(bundle)}</style></head><body${bundle.deliveryMethod === 'PAPER' ? ' class="paper"' : ''}>
<h1>保有個人データの開示 / Disclosure of retained personal data</h1>
<p>Request ${escape(bundle.requestId)} (${escape(bundle.requestType)}), prepared ${escape(bundle.preparedAt)} by ${escape(bundle.preparedBy)}.</p>
${answerSection(bundle)}
<h2>共同利用 / Joint use (notice version ${escape(notice.version)})</h2>
${table(['code', '利用目的', 'purpose'], notice.purposes.map((p) => [p.code, p.wording.ja, p.wording.en]))}
<h2>利用目的 / Purposes of use of each group company (policy section 2)</h2>
${table(['item', 'purpose', 'joint use'], bundle.purposesOfUse.map((p) => [`(${ROMAN[p.policyItem - 1] ?? p.policyItem})`, p.wording, p.jointUse ? 'yes' : 'no']))}
${persons}
</body></html>`;
}
