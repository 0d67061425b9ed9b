import { addDays, daysBetween, japanDateOf, requestClock } from './request-deadline';

describe('request deadline, counted from the day received', () => {
  it('takes the Japanese calendar date of an instant', () => {
    expect(japanDateOf(new Date('2026-11-29T14:59:59Z'))).toBe('2026-11-29');
    expect(japanDateOf(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-30');
  });

  it('counts days across months and leap days', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it('sets the deadline from receivedOn, however late the request was entered', () => {
    const enteredToday = new Date('2026-11-29T03:00:00Z');
    expect(requestClock('2026-11-10', 14, enteredToday, null)).toEqual({ ageDays: 19, deadline: '2026-11-24', overdue: true });
    expect(requestClock('2026-11-29', 14, enteredToday, null)).toEqual({ ageDays: 0, deadline: '2026-12-13', overdue: false });
  });

  it('is overdue only once the deadline day has passed in Japan', () => {
    expect(requestClock('2026-11-15', 14, new Date('2026-11-29T14:59:59Z'), null).overdue).toBe(false);
    expect(requestClock('2026-11-15', 14, new Date('2026-11-29T15:00:00Z'), null).overdue).toBe(true);
  });

  it('stops the age at closing and is never overdue once closed', () => {
    const clock = requestClock('2026-11-01', 14, new Date('2026-12-31T00:00:00Z'), new Date('2026-11-20T01:00:00Z'));
    expect(clock).toEqual({ ageDays: 19, deadline: '2026-11-15', overdue: false });
  });
});
