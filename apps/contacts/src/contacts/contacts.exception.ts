import { RegistryException } from '@registry/platform';

export enum ContactsErrorCode {
  ContactNotFound = 'CONTACT_NOT_FOUND',
  StaleVersion = 'STALE_VERSION',
  SpecifiedPersonalInformation = 'SPECIFIED_PERSONAL_INFORMATION',
  TooManyTransactions = 'TOO_MANY_TRANSACTIONS',
  EmailBelongsToAnotherContact = 'EMAIL_BELONGS_TO_ANOTHER_CONTACT',
  ContactSuspended = 'CONTACT_SUSPENDED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  TransactionEntryNotFound = 'TRANSACTION_ENTRY_NOT_FOUND',
  AcquisitionNotFound = 'ACQUISITION_NOT_FOUND',
  AcquisitionOfAnotherCompany = 'ACQUISITION_OF_ANOTHER_COMPANY',
  CardImageNotFound = 'CARD_IMAGE_NOT_FOUND',
  CardImageEmpty = 'CARD_IMAGE_EMPTY',
  CardImageTypeUnsupported = 'CARD_IMAGE_TYPE_UNSUPPORTED',
  CardImageContentMismatch = 'CARD_IMAGE_CONTENT_MISMATCH',
}

const STATUS: Record<ContactsErrorCode, number> = {
  [ContactsErrorCode.ContactNotFound]: 404,
  [ContactsErrorCode.StaleVersion]: 409,
  [ContactsErrorCode.SpecifiedPersonalInformation]: 422,
  [ContactsErrorCode.TooManyTransactions]: 422,
  [ContactsErrorCode.EmailBelongsToAnotherContact]: 409,
  [ContactsErrorCode.ContactSuspended]: 409,
  [ContactsErrorCode.IdempotencyKeyReused]: 409,
  [ContactsErrorCode.TransactionEntryNotFound]: 404,
  [ContactsErrorCode.AcquisitionNotFound]: 404,
  [ContactsErrorCode.AcquisitionOfAnotherCompany]: 403,
  [ContactsErrorCode.CardImageNotFound]: 404,
  [ContactsErrorCode.CardImageEmpty]: 400,
  [ContactsErrorCode.CardImageTypeUnsupported]: 415,
  [ContactsErrorCode.CardImageContentMismatch]: 415,
};

export class ContactsException extends RegistryException {
  constructor(code: ContactsErrorCode, message: string, details?: unknown) {
    super(code, STATUS[code], message, details);
  }
}
