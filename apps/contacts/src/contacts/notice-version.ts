import { noticeInForce } from '@registry/policy';

/** The joint-use notice revision in force on a date (YYYY-MM-DD, as acquisitions and consents are dated in Japan). */
export function noticeVersionOn(date: string): string {
  // Midday in Japan: the same date whether a revision is taken to start at midnight in Japan or in UTC.
  return noticeInForce(new Date(`${date}T12:00:00+09:00`)).version;
}
