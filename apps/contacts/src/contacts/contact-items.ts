import { SHARED_ITEMS, type TransactionEntry } from '@registry/contracts';

/** The items a person's record holds: the ones that may be shared, as contacts keeps them. */
export interface ContactItems {
  name: { full: string; kana: string | null };
  organizationName: string;
  address: { postalCode: string; prefecture: string; city: string; street: string | null } | null;
  department: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  transactionHistory: TransactionEntry[];
}

/**
 * What one acquisition or one correction said: only the items it named; null deletes an optional item. A name
 * without a `kana` key leaves the reading as it was; with `kana: null` it deletes it.
 */
export type StatedItems = Partial<Omit<ContactItems, 'name'>> & { name?: { full: string; kana?: string | null } };

/**
 * One acquisition or correction of a person, in the order it was recorded. `companyCode` is the company whose
 * staff made it; null for the privacy office (the administrator), whose corrections hold for every company.
 */
export interface ItemStatement {
  order: bigint;
  companyCode: string | null;
  items: StatedItems;
}

type ReplacedItem = Exclude<keyof ContactItems, 'name' | 'transactionHistory'>;

/** The items a statement replaces whole: every shared item but the name (with its own kana rule) and the history (a log). */
const REPLACED_ITEMS = SHARED_ITEMS.filter((item): item is ReplacedItem => item !== 'name' && item !== 'transactionHistory');

/**
 * The rule that forms a person's items from what was stated about them: statements are applied in the order
 * they were recorded, and for each item the most recent statement that names it wins (null deletes it); an
 * item a statement does not name is left as it was. The kana reading counts as an item of its own. Transaction history is a log, not a value: each
 * statement's entries are appended in order. With no statement naming a required item, the result is null.
 */
export function formItems(statements: readonly ItemStatement[]): ContactItems | null {
  const formed: Partial<ContactItems> = { transactionHistory: [] };
  const ordered = [...statements].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  for (const { items } of ordered) {
    if (items.name) formed.name = { full: items.name.full, kana: items.name.kana !== undefined ? items.name.kana : (formed.name?.kana ?? null) };
    for (const item of REPLACED_ITEMS) {
      if (items[item] !== undefined) (formed as Record<string, unknown>)[item] = items[item];
    }
    if (items.transactionHistory) formed.transactionHistory = [...(formed.transactionHistory ?? []), ...items.transactionHistory];
  }
  if (!formed.name || !formed.organizationName) return null;
  return {
    name: formed.name,
    organizationName: formed.organizationName,
    address: formed.address ?? null,
    department: formed.department ?? null,
    title: formed.title ?? null,
    email: formed.email ?? null,
    phone: formed.phone ?? null,
    fax: formed.fax ?? null,
    transactionHistory: formed.transactionHistory ?? [],
  };
}

/** One company's view: its own acquisitions and corrections, and the privacy office's corrections. */
export function formCompanyView(statements: readonly ItemStatement[], companyCode: string): ContactItems | null {
  return formItems(statements.filter((s) => s.companyCode === null || s.companyCode === companyCode));
}
