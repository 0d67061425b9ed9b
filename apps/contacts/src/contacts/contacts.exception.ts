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
};

export class ContactsException extends RegistryException {
  constructor(code: ContactsErrorCode, message: string, details?: unknown) {
    super(code, STATUS[code], message, details);
  }
}
