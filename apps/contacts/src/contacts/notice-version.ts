import * as policy from '@registry/policy';

/** The joint-use notice revision in force on a date (YYYY-MM-DD, as acquisitions and consents are dated). */
export function noticeVersionOn(_date: string): string {
  // The revision in force on that date: with a single revision published, it is that one.
  return policy.JOINT_USE_NOTICE.version;
}
