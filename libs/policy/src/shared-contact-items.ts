import type { SharedItem } from './joint-use-notice';

export interface PersonName {
  full: string;
  kana?: string;
}

export interface PostalAddress {
  postalCode: string;
  prefecture: string;
  city: string;
  street?: string;
}

export interface TransactionEntry {
  occurredOn: string;
  description: string;
  companyCode: string;
}

/** The allowed items of one contact: one property per item of the notice, nothing else. */
export interface SharedContactItems {
  name: PersonName;
  organizationName: string;
  address?: PostalAddress;
  department?: string;
  title?: string;
  email?: string;
  phone?: string;
  fax?: string;
  transactionHistory: TransactionEntry[];
}

// Compile-time check: the properties above are exactly the notice's items.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _itemsMatchNotice: SameKeys<keyof SharedContactItems, SharedItem> = true;
