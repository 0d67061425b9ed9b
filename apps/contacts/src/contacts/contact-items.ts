import { SHARED_ITEMS, type TransactionEntry } from '@registry/contracts';

/** A transaction history entry as contacts keeps it: with a stable id, by which it is corrected or deleted. The id is never shared. */
export interface ContactTransactionEntry extends TransactionEntry {
  id: string;
}

/** A correction of one transaction history entry, by its id: new values for some of its fields, or its deletion. */
export type TransactionEntryChange = { id: string; deleted: true } | { id: string; occurredOn?: string; description?: string };

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
  transactionHistory: ContactTransactionEntry[];
}

/**
 * What one acquisition or one correction said: only the items it named; null deletes an optional item. A name
 * without a `kana` key leaves the reading as it was; with `kana: null` it deletes it.
 */
export type StatedItems = Partial<Omit<ContactItems, 'name'>> & { name?: { full: string; kana?: string | null }; transactionChanges?: TransactionEntryChange[] };

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
 * statement's entries are appended in order, and its changes correct or delete the entries they name by id (an
 * entry not in the log formed so far, e.g. another company's in a company's view, is left alone). With no
 * statement naming a required item, the result is null.
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
    if (items.transactionChanges) formed.transactionHistory = applyEntryChanges(formed.transactionHistory ?? [], items.transactionChanges);
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

function applyEntryChanges(entries: ContactTransactionEntry[], changes: readonly TransactionEntryChange[]): ContactTransactionEntry[] {
  let result = entries;
  for (const change of changes) {
    if ('deleted' in change) {
      result = result.filter((entry) => entry.id !== change.id);
      continue;
    }
    result = result.map((entry) =>
      entry.id === change.id
        ? { ...entry, ...(change.occurredOn !== undefined ? { occurredOn: change.occurredOn } : {}), ...(change.description !== undefined ? { description: change.description } : {}) }
        : entry,
    );
  }
  return result;
}
