/** Purposes of joint use: items (iii) to (vii) of the policy's purposes of use. */
export const JOINT_USE_PURPOSES = [
  'PRODUCT_INFO',
  'EVENTS_SEMINARS',
  'MARKETING',
  'PRODUCT_DEVELOPMENT',
  'STATISTICS',
] as const;

export type JointUsePurpose = (typeof JOINT_USE_PURPOSES)[number];
