import type { AcquisitionMethod, HeldReason, JointUseStatus } from '@registry/contracts';

/**
 * Methods for which the person is told of purposes and joint use on the spot (a form or a written application,
 * APPI Art. 21(2)): the acquisition must record the notice of purpose shown. For the others (business cards,
 * discussions) a notice is optional, and the published joint-use notice counts as telling the person.
 */
export const NOTICE_REQUIRED_METHODS: readonly AcquisitionMethod[] = ['WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION'];

export const noticeRequiredFor = (method: AcquisitionMethod): boolean => NOTICE_REQUIRED_METHODS.includes(method);

/** What of an acquisition or a consent bears on joint use. */
export interface NoticeOccasion {
  method?: AcquisitionMethod;
  noticeVersion: string;
  /** False only for an acquisition whose notice said nothing of joint use; a consent is always true. */
  jointUseNotified: boolean;
}

/** Whether this occasion told the person of joint use: a notice that did, or the published notice where it suffices. */
export const toldOfJointUse = (occasion: NoticeOccasion): boolean => occasion.jointUseNotified || (occasion.method !== undefined && !noticeRequiredFor(occasion.method));

/** The newest notice revision under which the person was told of joint use; null when they never were. */
export function coveringNoticeVersion(occasions: readonly NoticeOccasion[]): string | null {
  // Revisions are dates (YYYY-MM-DD): the newest is the greatest string.
  return occasions.filter(toldOfJointUse).reduce<string | null>((newest, o) => (newest === null || o.noticeVersion > newest ? o.noticeVersion : newest), null);
}

export interface JointUseState {
  jointUse: JointUseStatus;
  heldReason: HeldReason | null;
}

/** Plain-language reasons, for the desk to show why a person is held. */
export const HELD_EXPLANATIONS: Record<HeldReason, string> = {
  RETURNED_AFTER_OBJECTION:
    'The person asked to be erased and not to be contacted again, and was registered again. They stay out of joint use until the privacy office releases or erases them.',
  JOINT_USE_NOT_NOTIFIED:
    'The person was not told that their data is used jointly by the group companies when it was collected. They stay out of joint use until a later acquisition tells them, or the privacy office records their consent.',
};

/**
 * The state of a new person: held when none of their acquisitions told them of joint use, unless a stronger
 * state (returned after objecting) already applies.
 */
export function stateOfNewPerson(returnedAfterObjection: boolean, covered: boolean): JointUseState {
  if (returnedAfterObjection) return { jointUse: 'HELD', heldReason: 'RETURNED_AFTER_OBJECTION' };
  return covered ? { jointUse: 'ACTIVE', heldReason: null } : { jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED' };
}

/**
 * The state once the person is told of joint use (a later acquisition, or consent): only a hold for not having
 * been told is lifted; a suspension at the person's request and a hold after their objection stay.
 */
export function stateOnceCovered(current: JointUseState): JointUseState {
  return current.jointUse === 'HELD' && current.heldReason === 'JOINT_USE_NOT_NOTIFIED' ? { jointUse: 'ACTIVE', heldReason: null } : current;
}

/**
 * The state the privacy office's decision leads to: a person may be active only when told of joint use, so
 * `ACTIVE` for a person never told holds them for that reason; HELD set by hand carries no reason of these.
 */
export function stateByDecision(requested: JointUseStatus, covered: boolean): JointUseState {
  if (requested === 'ACTIVE' && !covered) return { jointUse: 'HELD', heldReason: 'JOINT_USE_NOT_NOTIFIED' };
  return { jointUse: requested, heldReason: null };
}
