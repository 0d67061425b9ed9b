import { findAlerts, tallyBatch, type AlertLimits, type CompanyActivity } from './alert-rules';

const limits: AlertLimits = { readLimit: 100, readWindowMinutes: 60, refusalLimit: 5, refusalWindowMinutes: 10 };
const quiet: CompanyActivity = { companyCode: 'STAFFING-JP', contactsRead: 0, refusals: 0, ineligibleAttempts: {} };

describe('alert rules', () => {
  it('raises nothing for ordinary activity', () => {
    expect(findAlerts({ ...quiet, contactsRead: 100, refusals: 4 }, limits)).toEqual([]);
  });

  it('raises READ_RATE only above the limit', () => {
    expect(findAlerts({ ...quiet, contactsRead: 101 }, limits)).toEqual([
      expect.objectContaining({ rule: 'READ_RATE', detail: '101 contacts read within 60 minutes (limit 100)' }),
    ]);
  });

  it('raises REPEATED_REFUSALS from the limit on', () => {
    expect(findAlerts({ ...quiet, refusals: 5 }, limits).map((f) => f.rule)).toEqual(['REPEATED_REFUSALS']);
  });

  it('raises INELIGIBLE_COMPANY for any attempt, counting each', () => {
    const [finding] = findAlerts({ ...quiet, ineligibleAttempts: { LEFT_GROUP: 2, OUTSIDE_JAPAN: 1 } }, limits);
    expect(finding).toEqual(expect.objectContaining({ rule: 'INELIGIBLE_COMPANY', occurrences: 3 }));
    expect(finding?.detail).toContain('LEFT_GROUP ×2');
  });
});

describe('tallyBatch', () => {
  it('adds up reads and refusals per company and minute, and notes ineligible attempts', () => {
    const batch = tallyBatch([
      { companyCode: 'A', outcome: 'GRANTED', reason: null, contactCount: 3, accessedAt: '2026-11-24T10:00:05.000Z' },
      { companyCode: 'A', outcome: 'GRANTED', reason: null, contactCount: 2, accessedAt: '2026-11-24T10:00:59.999Z' },
      { companyCode: 'A', outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED', contactCount: 0, accessedAt: '2026-11-24T10:01:00.000Z' },
      { companyCode: 'B', outcome: 'DENIED', reason: 'LEFT_GROUP', contactCount: 0, accessedAt: '2026-11-24T09:59:00.000Z' },
    ]);
    expect(batch.minutes).toEqual([
      { companyCode: 'A', minute: '2026-11-24T10:00:00.000Z', contactsRead: 5, refusals: 0 },
      { companyCode: 'A', minute: '2026-11-24T10:01:00.000Z', contactsRead: 0, refusals: 1 },
      { companyCode: 'B', minute: '2026-11-24T09:59:00.000Z', contactsRead: 0, refusals: 1 },
    ]);
    expect([...batch.read]).toEqual(['A']);
    expect([...batch.refused].sort()).toEqual(['A', 'B']);
    expect(batch.ineligibleAttempts).toEqual(new Map([['B', { LEFT_GROUP: 1 }]]));
    expect(batch.latest).toBe('2026-11-24T10:01:00.000Z');
  });
});
