const DAY_MS = 86_400_000;

/** The Japanese calendar date (UTC+9) of an instant, YYYY-MM-DD. */
export function japanDateOf(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export interface RequestClock {
  /** Days since the request was received, to today (Japan) or to the day it was closed. */
  ageDays: number;
  /** The last day to answer: the day received plus the overdue days. */
  deadline: string;
  /** Open, and today (Japan) is past the deadline. */
  overdue: boolean;
}

/** Age, deadline and the overdue flag of a request, all counted from the day it was received, not entered. */
export function requestClock(receivedOn: string, overdueDays: number, now: Date, closedAt: Date | null): RequestClock {
  const deadline = addDays(receivedOn, overdueDays);
  const until = japanDateOf(closedAt ?? now);
  return { ageDays: daysBetween(receivedOn, until), deadline, overdue: closedAt === null && until > deadline };
}
