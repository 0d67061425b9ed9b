import type { AccessOperation, DenialReason } from './access-decision';
import type { GroupCompanyFacts } from './group-company';
import { japanDate } from './calendar';
import type { JointUseNoticeShape, JointUsePurpose } from './joint-use-notice';
import { noticeInForce } from './notice-revisions';

export { japanDate } from './calendar';

export interface AccessRequest {
  /** The company as the register holds it, or null when the register does not know it. */
  company: GroupCompanyFacts | null;
  /** The purpose as declared by the caller, if any. */
  purpose: string | null | undefined;
  /** The moment of access. */
  at: Date;
  /** Whether the contact's use or joint use is suspended; null when no single contact is concerned. */
  contactSuspended: boolean | null;
  /** What is asked for: persons (one or a search) or aggregates. */
  operation: AccessOperation;
  /** The notice in force at `at`; by default the published revision in force then. */
  notice?: JointUseNoticeShape;
}

export type AccessDecision =
  | { outcome: 'GRANTED'; purpose: JointUsePurpose }
  | { outcome: 'DENIED'; reason: DenialReason };

/** True when `purpose` is one of the purposes of joint use of the notice (by default the one in force now). */
export function isJointUsePurpose(purpose: unknown, notice: JointUseNoticeShape = noticeInForce(new Date()).notice): purpose is JointUsePurpose {
  return typeof purpose === 'string' && notice.purposes.some((stated) => stated.code === purpose);
}

/**
 * The company half of the rule: null when the company may use jointly used data on this day (an active
 * member of the group, in a relationship the notice in force names, located in its country), else why not.
 * Deliveries to a company's topic follow it too. Which persons it reaches is narrowed further by the revision
 * that covers each (scopeReaches).
 */
export function companyEligibility(company: GroupCompanyFacts | null, at: Date, notice: JointUseNoticeShape = noticeInForce(at).notice): DenialReason | null {
  const today = japanDate(at);
  if (company === null || company.joinedOn > today) return 'NOT_GROUP_MEMBER';
  if (!notice.jointUsers.relationships.some((relationship) => relationship.code === company.relationship)) return 'NOT_GROUP_MEMBER';
  if (company.leftOn !== null && company.leftOn <= today) return 'LEFT_GROUP';
  if (!company.active) return 'INACTIVE';
  if (company.country !== notice.jointUsers.country) return 'OUTSIDE_JAPAN';
  return null;
}

/**
 * The joint-use rule: a company may read or receive shared contacts only while it is an active group
 * member located in Japan, for a declared joint-use purpose, and only contacts not suspended.
 * The STATISTICS purpose reads aggregates and nothing else.
 */
export function decideAccess(request: AccessRequest): AccessDecision {
  const { company, purpose, at, contactSuspended, operation } = request;
  const notice = request.notice ?? noticeInForce(at).notice;
  const ineligible = companyEligibility(company, at, notice);
  if (ineligible) return { outcome: 'DENIED', reason: ineligible };
  if (purpose === null || purpose === undefined || purpose === '') return { outcome: 'DENIED', reason: 'PURPOSE_MISSING' };
  if (!isJointUsePurpose(purpose, notice)) return { outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' };
  // Statistics identify no individual (policy section 6): that purpose gets aggregates only, and aggregates serve only it.
  if ((purpose === 'STATISTICS') !== (operation === 'READ_STATISTICS')) return { outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' };
  if (contactSuspended === true) return { outcome: 'DENIED', reason: 'CONTACT_SUSPENDED' };
  return { outcome: 'GRANTED', purpose };
}
