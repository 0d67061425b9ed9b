import type { AccessRecord } from './access-record';
import { ACCESS_CSV_HEADER, accessCsvLine, csvField } from './access-csv';

describe('csvField', () => {
  it('leaves plain values alone and empties null', () => {
    expect(csvField('STAFFING-JP')).toBe('STAFFING-JP');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('accessCsvLine', () => {
  const record: AccessRecord = {
    seq: '7',
    event_id: 'e',
    access_id: 'a',
    company_code: 'STAFFING-JP',
    requested_by: 'crm-sync',
    operation: 'SEARCH_CONTACTS',
    purpose: 'MARKETING',
    contact_ids: ['c-1', 'c-2'],
    persons_aggregated: null,
    outcome: 'GRANTED',
    reason: null,
    accessed_at: new Date('2026-11-29T01:00:00Z'),
    notice_version: '2026-11-29',
    acquisition_notice_versions: ['2022-04-01', null],
    recorded_at: new Date('2026-11-29T01:00:01Z'),
    prev_hash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };

  it('gives the notice revision each contact was told of joint use under last, in the order of the contact ids', () => {
    const fields = accessCsvLine(record).trimEnd().split(',');
    expect(ACCESS_CSV_HEADER.at(-1)).toBe('acquisition_notice_versions');
    expect(fields).toHaveLength(ACCESS_CSV_HEADER.length);
    expect(fields.at(-1)).toBe('2022-04-01 -');
    expect(accessCsvLine({ ...record, acquisition_notice_versions: null }).trimEnd().split(',').at(-1)).toBe('');
  });
});
