/** The requests policy section 9 promises a person (Act on the Protection of Personal Information, arts. 32–35). */
export const SUBJECT_REQUEST_TYPES = [
  'NOTIFICATION_OF_PURPOSE',
  'DISCLOSURE',
  'DISCLOSURE_OF_PROVISION_RECORD',
  'CORRECTION',
  'SUSPENSION_OF_USE',
  'ERASURE',
  'SUSPENSION_OF_PROVISION',
] as const;
export type SubjectRequestType = (typeof SUBJECT_REQUEST_TYPES)[number];

export type RequestAction = 'DISCLOSED' | 'CORRECTED' | 'SUSPENDED' | 'SUSPENSION_LIFTED' | 'ERASED';

/** What each kind of request calls for; anything else is refused, so a request is answered as asked. */
export const ACTIONS_BY_TYPE: Record<SubjectRequestType, readonly RequestAction[]> = {
  NOTIFICATION_OF_PURPOSE: ['DISCLOSED'],
  DISCLOSURE: ['DISCLOSED'],
  DISCLOSURE_OF_PROVISION_RECORD: ['DISCLOSED'],
  CORRECTION: ['CORRECTED'],
  SUSPENSION_OF_USE: ['SUSPENDED', 'SUSPENSION_LIFTED'],
  SUSPENSION_OF_PROVISION: ['SUSPENDED', 'SUSPENSION_LIFTED'],
  ERASURE: ['ERASED'],
};
