import { formatCount, formatDate, formatDateTime, todayInTokyo } from './format';

describe('desk formatting', () => {
  it('separates thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('shows instants in Tokyo time, whatever zone the process runs in', () => {
    expect(formatDateTime('2026-11-29T15:30:00Z')).toBe('2026/11/30 00:30 JST');
    expect(formatDateTime(new Date(Date.UTC(2026, 0, 1, 0, 5)))).toBe('2026/01/01 09:05 JST');
    expect(formatDateTime('not a time')).toBe('—');
  });

  it('writes calendar dates as in Japan and knows Tokyo’s today', () => {
    expect(formatDate('2026-11-20')).toBe('2026/11/20');
    expect(todayInTokyo(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(todayInTokyo(new Date('2026-11-29T14:59:59Z'))).toBe('2026-11-29');
  });
});
