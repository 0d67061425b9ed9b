import { RegistryException } from '@registry/platform';

export enum ContactsErrorCode {
  ContactNotFound = 'CONTACT_NOT_FOUND',
}

const STATUS: Record<ContactsErrorCode, number> = {
  [ContactsErrorCode.ContactNotFound]: 404,
};

export class ContactsException extends RegistryException {
  constructor(code: ContactsErrorCode, message: string, details?: unknown) {
    super(code, STATUS[code], message, details);
  }
}
