import { findAlerts, type AlertLimits, type CompanyActivity } from './alert-rules';

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
