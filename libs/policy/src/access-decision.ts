/** What a group company asks for: one person, a search of persons, or aggregates. */
export const ACCESS_OPERATIONS = ['READ_CONTACT', 'SEARCH_CONTACTS', 'READ_STATISTICS'] as const;
export type AccessOperation = (typeof ACCESS_OPERATIONS)[number];

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
