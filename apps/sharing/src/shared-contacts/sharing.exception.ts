import type { DenialReason } from '@registry/contracts';
import { RegistryException } from '@registry/platform';

const STATUS_BY_REASON: Record<DenialReason, number> = {
  NOT_GROUP_MEMBER: 403,
  LEFT_GROUP: 403,
  INACTIVE: 403,
  OUTSIDE_JAPAN: 403,
  PURPOSE_MISSING: 400,
  PURPOSE_NOT_ALLOWED: 403,
  CONTACT_SUSPENDED: 403,
  CONTACT_NOT_FOUND: 404,
};

const MESSAGE_BY_REASON: Record<DenialReason, string> = {
  NOT_GROUP_MEMBER: 'Your company is not a member of the group register, so it may not use jointly used data.',
  LEFT_GROUP: 'Your company has left the group; joint use ended on the day it left.',
  INACTIVE: 'Your company is inactive in the group register; ask the administrator to reactivate it.',
  OUTSIDE_JAPAN: 'Joint use is limited to group companies located in Japan.',
  PURPOSE_MISSING: 'Declare a purpose of joint use with ?purpose= (PRODUCT_INFO, EVENTS_SEMINARS, MARKETING, PRODUCT_DEVELOPMENT, STATISTICS).',
  PURPOSE_NOT_ALLOWED: 'That purpose is not a purpose of joint use (PRODUCT_INFO, EVENTS_SEMINARS, MARKETING, PRODUCT_DEVELOPMENT, STATISTICS).',
  CONTACT_SUSPENDED: 'Use of this contact is suspended at the data subject’s request.',
  CONTACT_NOT_FOUND: 'No shared contact has this id.',
};

/** A refused access; the refusal has already been recorded for audit when this is thrown. */
export class AccessDeniedException extends RegistryException {
  constructor(readonly reason: DenialReason, accessId: string) {
    super(reason, STATUS_BY_REASON[reason], MESSAGE_BY_REASON[reason], { accessId });
  }
}
