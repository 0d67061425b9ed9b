import type { SubjectRequestType } from './request-types';

/**
 * Why a request may be refused, in whole or in part. The first three are policy section 9.2 (APPI art. 33(2),
 * applied alike to the notification of purpose, art. 32(2), and the record of provision, art. 33(5)); the rest
 * are the conditions the other requests depend on (arts. 34 and 35).
 */
export const REFUSAL_GROUNDS = [
  /** Harm to the life, body, property or other rights and interests of the person or a third party. */
  'RISK_TO_LIFE_OR_RIGHTS',
  /** A risk of seriously hindering the proper conduct of the business. */
  'SERIOUS_HINDRANCE_TO_BUSINESS',
  /** Answering would violate other laws or regulations. */
  'VIOLATION_OF_OTHER_LAWS',
  /** Nothing is held about the person (no retained personal data to disclose, correct, stop or erase). */
  'NO_DATA_RETAINED',
  /** The requester could not be verified as the person or their representative (policy section 9.1). */
  'IDENTITY_NOT_VERIFIED',
  /** The request lacks the legal grounds it depends on: the data is accurate (art. 34), or no ground of art. 35 applies. */
  'NOT_WITHIN_GROUNDS',
  /** Stopping or erasing would cost a great deal or be difficult, and a measure protecting the person instead was taken (art. 35(2), (4) and (6), proviso). */
  'ALTERNATIVE_MEASURE_TAKEN',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const REFUSAL_EXTENTS = ['WHOLE', 'PART'] as const;
export type RefusalExtent = (typeof REFUSAL_EXTENTS)[number];

const DISCLOSURE_GROUNDS: readonly RefusalGround[] = ['RISK_TO_LIFE_OR_RIGHTS', 'SERIOUS_HINDRANCE_TO_BUSINESS', 'VIOLATION_OF_OTHER_LAWS', 'NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED'];
const STOPPING_GROUNDS: readonly RefusalGround[] = ['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED', 'NOT_WITHIN_GROUNDS', 'ALTERNATIVE_MEASURE_TAKEN'];

/** The grounds a request of this type may be refused on. Complaints and consultations are answered, never refused (art. 40). */
export const GROUNDS_BY_TYPE: Record<SubjectRequestType, readonly RefusalGround[]> = {
  NOTIFICATION_OF_PURPOSE: DISCLOSURE_GROUNDS,
  DISCLOSURE: DISCLOSURE_GROUNDS,
  DISCLOSURE_OF_PROVISION_RECORD: DISCLOSURE_GROUNDS,
  CORRECTION: ['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED', 'NOT_WITHIN_GROUNDS', 'VIOLATION_OF_OTHER_LAWS'],
  SUSPENSION_OF_USE: STOPPING_GROUNDS,
  SUSPENSION_OF_PROVISION: STOPPING_GROUNDS,
  ERASURE: STOPPING_GROUNDS,
  COMPLAINT: [],
  CONSULTATION: [],
};

/** Null when the ground may refuse a request of this type, else why not, in words for the caller. */
export function groundProblem(type: SubjectRequestType, ground: RefusalGround): string | null {
  const allowed = GROUNDS_BY_TYPE[type];
  if (allowed.length === 0) return `a ${type} is answered (POST …/response), not refused`;
  return allowed.includes(ground) ? null : `a ${type} request cannot be refused on ${ground}; its grounds are ${allowed.join(', ')}`;
}

/** What a refusal says: how much, on what ground, why in words, and for a partial one what was refused. */
export interface Refusal {
  extent: RefusalExtent;
  ground: RefusalGround;
  explanation: string;
  refusedPart: string | null;
  refusedAt: string;
  refusedBy: string;
}

/** The result a request was closed with. */
export const REQUEST_RESULTS = ['ANSWERED', 'REFUSED', 'PARTIALLY_REFUSED'] as const;
export type RequestResult = (typeof REQUEST_RESULTS)[number];

export function resultOf(refusal: Pick<Refusal, 'extent'> | null): RequestResult {
  if (!refusal) return 'ANSWERED';
  return refusal.extent === 'WHOLE' ? 'REFUSED' : 'PARTIALLY_REFUSED';
}
