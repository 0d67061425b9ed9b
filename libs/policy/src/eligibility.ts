import type { AccessOperation, DenialReason } from './access-decision';
import type { GroupCompanyFacts } from './group-company';
import { GROUP_RELATIONSHIPS, JOINT_USE_COUNTRY, JOINT_USE_PURPOSES, type JointUsePurpose } from './joint-use-notice';

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
}

export type AccessDecision =
  | { outcome: 'GRANTED'; purpose: JointUsePurpose }
  | { outcome: 'DENIED'; reason: DenialReason };

/** True when `purpose` is one of the purposes of joint use. */
export function isJointUsePurpose(purpose: unknown): purpose is JointUsePurpose {
  return typeof purpose === 'string' && (JOINT_USE_PURPOSES as readonly string[]).includes(purpose);
}

/** The date part (YYYY-MM-DD, UTC+9) of an instant, as the group register's dates are Japanese calendar dates. */
export function japanDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The company half of the rule: null when the company may use jointly used data on this day (an active
 * member of the group, in a relationship the notice names, located in the notice's country), else why not.
 * Deliveries to a company's topic follow it too.
 */
export function companyEligibility(company: GroupCompanyFacts | null, at: Date): DenialReason | null {
  const today = japanDate(at);
  if (company === null || company.joinedOn > today) return 'NOT_GROUP_MEMBER';
  if (!(GROUP_RELATIONSHIPS as readonly string[]).includes(company.relationship)) return 'NOT_GROUP_MEMBER';
  if (company.leftOn !== null && company.leftOn <= today) return 'LEFT_GROUP';
  if (!company.active) return 'INACTIVE';
  if (company.country !== JOINT_USE_COUNTRY) return 'OUTSIDE_JAPAN';
  return null;
}

/**
 * The joint-use rule: a company may read or receive shared contacts only while it is an active group
 * member located in Japan, for a declared joint-use purpose, and only contacts not suspended.
 * The STATISTICS purpose reads aggregates and nothing else.
 */
export function decideAccess(request: AccessRequest): AccessDecision {
  const { company, purpose, at, contactSuspended, operation } = request;
  const ineligible = companyEligibility(company, at);
  if (ineligible) return { outcome: 'DENIED', reason: ineligible };
  if (purpose === null || purpose === undefined || purpose === '') return { outcome: 'DENIED', reason: 'PURPOSE_MISSING' };
  if (!isJointUsePurpose(purpose)) return { outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' };
  // Statistics identify no individual (policy section 6): that purpose gets aggregates only, and aggregates serve only it.
  if ((purpose === 'STATISTICS') !== (operation === 'READ_STATISTICS')) return { outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' };
  if (contactSuspended === true) return { outcome: 'DENIED', reason: 'CONTACT_SUSPENDED' };
  return { outcome: 'GRANTED', purpose };
}
