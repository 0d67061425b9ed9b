import type { AccessRecord } from './access-record';

// New columns go last, so that whoever reads earlier exports finds the others where they were.
export const ACCESS_CSV_HEADER = ['accessed_at', 'company_code', 'operation', 'purpose', 'outcome', 'reason', 'contact_ids', 'requested_by', 'access_id', 'event_id', 'seq', 'recorded_at', 'hash', 'notice_version', 'persons_aggregated', 'acquisition_notice_versions'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, and prefixed with an apostrophe
 * when a spreadsheet would take it for a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function accessCsvLine(record: AccessRecord): string {
  return (
    [
      record.accessed_at.toISOString(),
      record.company_code,
      record.operation,
      record.purpose,
      record.outcome,
      record.reason,
      record.contact_ids.join(' '),
      record.requested_by,
      record.access_id,
      record.event_id,
      record.seq,
      record.recorded_at.toISOString(),
      record.hash,
      record.notice_version,
      record.persons_aggregated === null ? null : String(record.persons_aggregated),
      // One per contact id, in the same order; '-' for an id that named no contact.
      record.acquisition_notice_versions === null ? null : record.acquisition_notice_versions.map((version) => version ?? '-').join(' '),
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

/**
 * Starts every CSV document: without a byte order mark, Excel set to Japanese reads UTF-8 as Shift_JIS and
 * garbles every kana and kanji. Programs that read UTF-8 skip it.
 */
export const UTF8_BOM = '\uFEFF';

/** The whole CSV document (RFC 4180, CRLF line ends), byte order mark and header first, then one chunk per page of records. */
export async function* accessCsv(pages: AsyncIterable<AccessRecord[]>): AsyncGenerator<string> {
  yield UTF8_BOM + ACCESS_CSV_HEADER.join(',') + '\r\n';
  for await (const page of pages) yield page.map(accessCsvLine).join('');
}
