/**
 * The items the joint-use notice allows group companies to use jointly.
 * This is the one place that names them; every other field of a contact is intake-only.
 */
export const SHARED_ITEMS = [
  'name',
  'organizationName',
  'address',
  'department',
  'title',
  'email',
  'phone',
  'fax',
  'transactionHistory',
] as const;

export type SharedItem = (typeof SHARED_ITEMS)[number];

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
