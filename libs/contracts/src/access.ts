export const ACCESS_OUTCOMES = ['GRANTED', 'DENIED'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** Why an access was refused; each is answered with its own HTTP status by sharing. */
export const DENIAL_REASONS = [
  'NOT_GROUP_MEMBER',
  'LEFT_GROUP',
  'INACTIVE',
  'OUTSIDE_JAPAN',
  'PURPOSE_MISSING',
  'PURPOSE_NOT_ALLOWED',
  'CONTACT_SUSPENDED',
  'CONTACT_NOT_FOUND',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export const ACQUISITION_METHODS = [
  'BUSINESS_CARD',
  'BUSINESS_DISCUSSION',
  'TRANSACTION_APPLICATION',
  'EVENT_APPLICATION',
  'WEB_INQUIRY',
] as const;
export type AcquisitionMethod = (typeof ACQUISITION_METHODS)[number];
