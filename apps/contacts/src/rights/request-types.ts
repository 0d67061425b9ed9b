/**
 * The requests policy section 9 promises a person (Act on the Protection of Personal Information, arts. 32–35),
 * and the complaints and consultations of policy section 6 (art. 40).
 */
export const SUBJECT_REQUEST_TYPES = [
  'NOTIFICATION_OF_PURPOSE',
  'DISCLOSURE',
  'DISCLOSURE_OF_PROVISION_RECORD',
  'CORRECTION',
  'SUSPENSION_OF_USE',
  'ERASURE',
  'SUSPENSION_OF_PROVISION',
  'COMPLAINT',
  'CONSULTATION',
] as const;
export type SubjectRequestType = (typeof SUBJECT_REQUEST_TYPES)[number];

export type RequestAction = 'DISCLOSED' | 'CORRECTED' | 'SUSPENDED' | 'SUSPENSION_LIFTED' | 'ERASED' | 'RESPONDED';

/** What each kind of request calls for; anything else is refused, so a request is answered as asked. */
export const ACTIONS_BY_TYPE: Record<SubjectRequestType, readonly RequestAction[]> = {
  NOTIFICATION_OF_PURPOSE: ['DISCLOSED'],
  DISCLOSURE: ['DISCLOSED'],
  DISCLOSURE_OF_PROVISION_RECORD: ['DISCLOSED'],
  CORRECTION: ['CORRECTED'],
  SUSPENSION_OF_USE: ['SUSPENDED', 'SUSPENSION_LIFTED'],
  SUSPENSION_OF_PROVISION: ['SUSPENDED', 'SUSPENSION_LIFTED'],
  ERASURE: ['ERASED'],
  COMPLAINT: ['RESPONDED'],
  CONSULTATION: ['RESPONDED'],
};

/** Complaints and consultations: about how personal information is handled, not about one person's data. */
export const COMPLAINT_TYPES = ['COMPLAINT', 'CONSULTATION'] as const satisfies readonly SubjectRequestType[];

export function isComplaint(type: SubjectRequestType): boolean {
  return (COMPLAINT_TYPES as readonly SubjectRequestType[]).includes(type);
}

/** Actions that answer with words rather than data, so they need no confirmed person. */
export function needsConfirmedPerson(action: RequestAction): boolean {
  return action !== 'RESPONDED';
}

/** How the person asked to receive a disclosure (art. 33(1)): electronically or on paper. */
export const DELIVERY_METHODS = ['ELECTRONIC', 'PAPER'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Requests answered with a disclosure the person chooses the delivery of (arts. 33(1) and 33(5)). */
export const DELIVERY_METHOD_REQUIRED_FOR = ['DISCLOSURE', 'DISCLOSURE_OF_PROVISION_RECORD'] as const satisfies readonly SubjectRequestType[];

export function requiresDeliveryMethod(type: SubjectRequestType): boolean {
  return (DELIVERY_METHOD_REQUIRED_FOR as readonly SubjectRequestType[]).includes(type);
}
