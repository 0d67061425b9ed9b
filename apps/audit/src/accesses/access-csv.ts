import type { AccessRecordEntity } from './access-record.entity';

export const ACCESS_CSV_HEADER = ['accessed_at', 'company_code', 'operation', 'purpose', 'outcome', 'reason', 'contact_ids', 'requested_by', 'access_id', 'event_id', 'seq', 'recorded_at', 'hash'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, and prefixed with an apostrophe
 * when a spreadsheet would take it for a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function accessCsvLine(record: AccessRecordEntity): string {
  return (
    [
      record.accessedAt.toISOString(),
      record.companyCode,
      record.operation,
      record.purpose,
      record.outcome,
      record.reason,
      record.contactIds.join(' '),
      record.requestedBy,
      record.accessId,
      record.eventId,
      record.seq,
      record.recordedAt.toISOString(),
      record.hash,
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

/** The whole CSV document, header first, a line at a time. */
export async function* accessCsv(records: AsyncIterable<AccessRecordEntity>): AsyncGenerator<string> {
  yield ACCESS_CSV_HEADER.join(',') + '\r\n';
  for await (const record of records) yield accessCsvLine(record);
}
