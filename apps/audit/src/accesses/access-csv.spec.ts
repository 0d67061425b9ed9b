import type { AccessRecord } from './access-record';
import { ACCESS_CSV_HEADER, accessCsv, accessCsvLine, csvField } from './access-csv';

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

describe('accessCsv', () => {
  const record: AccessRecord = {
    seq: '7',
    event_id: '00000000-0000-4000-8000-000000000001',
    access_id: '00000000-0000-4000-8000-000000000002',
    company_code: 'STAFFING-JP',
    requested_by: '=cmd|\' /C calc\'!A0',
    operation: 'READ_CONTACT',
    purpose: '営業のご案内',
    contact_ids: ['00000000-0000-4000-8000-000000000003'],
    persons_aggregated: null,
    outcome: 'GRANTED',
    reason: null,
    accessed_at: new Date('2026-01-01T00:00:00Z'),
    notice_version: null,
    acquisition_notice_versions: null,
    recorded_at: new Date('2026-01-01T00:00:01Z'),
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };

  async function* pages(): AsyncGenerator<AccessRecord[]> {
    yield [record];
  }

  it('starts with a UTF-8 byte order mark, ends each line with CRLF, keeps Japanese and defuses formulas', async () => {
    let text = '';
    for await (const chunk of accessCsv(pages())) text += chunk;
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toEqual([ACCESS_CSV_HEADER.join(','), expect.stringContaining(',営業のご案内,'), '']);
    expect(lines[1]).toContain(`,'=cmd|' /C calc'!A0,`);
  });
});
