import { canonicalObjectJson } from './chain-hash';
import { canonicalJson, canonicalRecord, chainHash, CHAIN_NAMES, CHAINS, GENESIS_HASH, toChainRecord, type ChainRecord } from './chains';

const row = {
  seq: 7,
  event_id: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
  access_id: 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12',
  company_code: 'STAFFING-JP',
  requested_by: 'crm-sync',
  operation: 'READ_CONTACT',
  purpose: null,
  contact_ids: ['C0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A13'],
  outcome: 'DENIED',
  reason: 'PURPOSE_MISSING',
  accessed_at: '2026-11-24T10:00:00+09:00',
  recorded_at: new Date('2026-11-24T01:00:01.5Z'),
};

describe('the chain serialisation', () => {
  it('reads a row the same way whatever form its values arrive in', () => {
    const record = toChainRecord(CHAINS.accesses, row);
    expect(record).toEqual(
      expect.objectContaining({
        seq: '7',
        eventId: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        contactIds: ['c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13'],
        purpose: null,
        accessedAt: '2026-11-24T01:00:00.000Z',
        recordedAt: '2026-11-24T01:00:01.500Z',
      }),
    );
    expect(toChainRecord(CHAINS.accesses, { ...row, accessed_at: new Date('2026-11-24T01:00:00Z'), seq: '7' })).toEqual(record);
  });

  it('sorts keys and names the chain, so the same record always hashes the same', () => {
    const record = toChainRecord(CHAINS.accesses, row);
    const json = canonicalJson('accesses', record);
    expect(json.startsWith('{"accessId":"b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12","accessedAt":"2026-11-24T01:00:00.000Z","chain":"accesses",')).toBe(true);
    expect(chainHash('accesses', GENESIS_HASH, record)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('accesses', GENESIS_HASH, record)).toBe(chainHash('accesses', GENESIS_HASH, { ...record }));
  });

  it('changes the hash when anything changes: a field, the position, the predecessor or the chain', () => {
    const record = toChainRecord(CHAINS.accesses, row);
    const hash = chainHash('accesses', GENESIS_HASH, record);
    expect(chainHash('accesses', GENESIS_HASH, { ...record, purpose: 'MARKETING' })).not.toBe(hash);
    expect(chainHash('accesses', GENESIS_HASH, { ...record, seq: '8' })).not.toBe(hash);
    expect(chainHash('accesses', 'f'.repeat(64), record)).not.toBe(hash);
    expect(chainHash('provisions', GENESIS_HASH, record)).not.toBe(hash);
  });

  it('covers the notice version an access or provision was decided under, null for records from before it was recorded', () => {
    const record = toChainRecord(CHAINS.accesses, { ...row, notice_version: '2022-04-01' });
    expect(record.noticeVersion).toBe('2022-04-01');
    expect(canonicalJson('accesses', record)).toContain('"noticeVersion":"2022-04-01"');
    expect(chainHash('accesses', GENESIS_HASH, { ...record, noticeVersion: '2030-01-01' })).not.toBe(chainHash('accesses', GENESIS_HASH, record));
    expect(toChainRecord(CHAINS.accesses, row).noticeVersion).toBeNull();
    expect(toChainRecord(CHAINS.provisions, { seq: '1', notice_version: '2022-04-01' }).noticeVersion).toBe('2022-04-01');
  });

  it('leaves the persons a statistics request counted out of the hash of accesses that have none, and hashes it where present', () => {
    const older = toChainRecord(CHAINS.accesses, row);
    expect(canonicalJson('accesses', older)).not.toContain('personsAggregated');
    const statistics = toChainRecord(CHAINS.accesses, { ...row, persons_aggregated: '1200' });
    expect(statistics.personsAggregated).toBe(1200);
    expect(canonicalJson('accesses', statistics)).toContain('"personsAggregated":1200');
    expect(chainHash('accesses', GENESIS_HASH, { ...statistics, personsAggregated: 1 })).not.toBe(chainHash('accesses', GENESIS_HASH, statistics));
  });

  it('leaves the acquisition notice versions out of the hash of records that have none, so older hashes hold, and hashes them where present', () => {
    const older = toChainRecord(CHAINS.accesses, row);
    expect(canonicalJson('accesses', older)).not.toContain('acquisitionNoticeVersions');
    const newer = toChainRecord(CHAINS.accesses, { ...row, acquisition_notice_versions: ['2022-04-01', null] });
    expect(canonicalJson('accesses', newer)).toContain('"acquisitionNoticeVersions":["2022-04-01",null]');
    expect(chainHash('accesses', GENESIS_HASH, { ...newer, acquisitionNoticeVersions: ['2026-11-29', '2022-04-01'] })).not.toBe(chainHash('accesses', GENESIS_HASH, newer));
    const provision = { seq: '1', provision_id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', notice_version: '2026-11-29' };
    expect(canonicalJson('provisions', toChainRecord(CHAINS.provisions, provision))).not.toContain('acquisitionNoticeVersion');
    const covered = toChainRecord(CHAINS.provisions, { ...provision, acquisition_notice_version: '2022-04-01' });
    expect(canonicalJson('provisions', covered)).toContain('"acquisitionNoticeVersion":"2022-04-01"');
    expect(chainHash('provisions', GENESIS_HASH, covered)).not.toBe(chainHash('provisions', GENESIS_HASH, { ...covered, acquisitionNoticeVersion: '2026-11-29' }));
  });

  it('keeps register dates as dates', () => {
    const record = toChainRecord(CHAINS['company-register'], { seq: '1', joined_on: '2020-04-01', left_on: null, active: true, version: '3' });
    expect(record).toEqual(expect.objectContaining({ joinedOn: '2020-04-01', leftOn: null, active: true, version: 3 }));
  });

  it('leaves fields added to the register chain out of the hash of records that lack them, and hashes them where present', () => {
    const before = { seq: '1', event_id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', company_code: 'EVENTS-JP', version: 1, joined_on: '2020-04-01', active: true };
    const older = toChainRecord(CHAINS['company-register'], before);
    expect(canonicalJson('company-register', older)).not.toMatch(/"change"|"kafkaCredentials"/);
    expect(canonicalJson('company-register', older)).toMatch(/"leftOn":null/);
    const issued = toChainRecord(CHAINS['company-register'], { ...before, change: 'KAFKA_CREDENTIALS_ISSUED', kafka_credentials: 'ACTIVE' });
    expect(canonicalJson('company-register', issued)).toMatch(/"change":"KAFKA_CREDENTIALS_ISSUED".*"kafkaCredentials":"ACTIVE"/);
    const revoked = { ...issued, change: 'KAFKA_CREDENTIALS_REVOKED', kafkaCredentials: 'REVOKED' };
    expect(chainHash('company-register', GENESIS_HASH, revoked)).not.toBe(chainHash('company-register', GENESIS_HASH, issued));
  });

  it('writes exactly the definition (sorted keys of the canonical record as JSON) for every chain, with and without the fields added later', () => {
    const values = ['', 'a"b\\c', '日本語\u2028', 0, 17, true, false, null, [], ['x', 'Ｙ'], ['2022-04-01', null]];
    for (const name of CHAIN_NAMES) {
      for (let variant = 0; variant < values.length * 3; variant += 1) {
        const record: ChainRecord = { seq: String(variant + 1) };
        CHAINS[name].fields.forEach((f, i) => {
          record[f.key] = values[(variant + i * 7) % values.length] as ChainRecord[string];
        });
        expect(canonicalJson(name, record)).toBe(canonicalObjectJson(canonicalRecord(name, record)));
      }
    }
  });
});
