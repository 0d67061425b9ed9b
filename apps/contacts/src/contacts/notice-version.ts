import * as policy from '@registry/policy';

// The notice revision in force at a moment. With a single revision published, it is that one at every moment.
const revisionInForce: (at: Date) => { version: string } = (_at) => policy.JOINT_USE_NOTICE;

/** The joint-use notice revision in force on a date (YYYY-MM-DD, as acquisitions and consents are dated in Japan). */
export function noticeVersionOn(date: string): string {
  // Midday in Japan: the same date whether a revision is taken to start at midnight in Japan or in UTC.
  return revisionInForce(new Date(`${date}T12:00:00+09:00`)).version;
}
