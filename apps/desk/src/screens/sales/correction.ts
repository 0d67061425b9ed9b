import type { ContactsSchemas } from '../../api/clients';

export type Contact = ContactsSchemas['schemas']['ContactResponse'];
export type CorrectContactBody = ContactsSchemas['schemas']['CorrectContactDto'];

/** The items sales staff correct on this screen, as text fields. */
export const CORRECTABLE = ['fullName', 'kana', 'organizationName', 'department', 'title', 'email', 'phone', 'fax'] as const;
export type CorrectableItem = (typeof CORRECTABLE)[number];
export type Items = Record<CorrectableItem, string>;

export const ITEM_LABELS: Record<CorrectableItem, { ja: string; en: string }> = {
  fullName: { ja: '氏名', en: 'Full name' },
  kana: { ja: 'フリガナ', en: 'Kana reading' },
  organizationName: { ja: '会社名', en: 'Organization' },
  department: { ja: '部署', en: 'Department' },
  title: { ja: '役職', en: 'Title' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Telephone' },
  fax: { ja: 'FAX', en: 'Fax' },
};

/** The API field each item is corrected through, for placing its validation messages. */
export const ITEM_FIELDS: Record<CorrectableItem, string> = {
  fullName: 'name.full',
  kana: 'name.kana',
  organizationName: 'organizationName',
  department: 'department',
  title: 'title',
  email: 'email',
  phone: 'phone',
  fax: 'fax',
};

export function itemsOf(contact: Contact): Items {
  return {
    fullName: contact.name.full,
    kana: contact.name.kana ?? '',
    organizationName: contact.organizationName,
    department: contact.department ?? '',
    title: contact.title ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    fax: contact.fax ?? '',
  };
}

const same = (a: string, b: string) => a.trim() === b.trim();

/** The items changed from `base` to `mine`, as a correction of `version`; null when nothing changed. An emptied optional item is deleted (null). */
export function correctionBody(base: Items, mine: Items, version: number): CorrectContactBody | null {
  const body: Record<string, unknown> = { version };
  if (!same(base.fullName, mine.fullName) || !same(base.kana, mine.kana)) body['name'] = { full: mine.fullName.trim(), ...(mine.kana.trim() ? { kana: mine.kana.trim() } : {}) };
  if (!same(base.organizationName, mine.organizationName)) body['organizationName'] = mine.organizationName.trim();
  for (const key of ['department', 'title', 'email', 'phone', 'fax'] as const) {
    if (!same(base[key], mine[key])) body[key] = mine[key].trim() ? mine[key].trim() : null;
  }
  return Object.keys(body).length > 1 ? (body as CorrectContactBody) : null;
}

/** One item in a conflict: as it was read, as it is saved now (theirs), as the person edited it (yours). */
export interface ItemMerge {
  item: CorrectableItem;
  base: string;
  theirs: string;
  yours: string;
  /** Both changed it, differently: the person chooses. */
  conflict: boolean;
}

/**
 * A three-way merge of the person's edit onto the version saved since: an item only they changed keeps their value,
 * an item only the other changed takes theirs, an item both changed alike is settled, and an item both changed
 * differently is a conflict for the person to resolve. Lists every item either side changed.
 */
export function mergeCorrection(base: Items, yours: Items, theirs: Items): ItemMerge[] {
  return CORRECTABLE.filter((item) => !same(base[item], yours[item]) || !same(base[item], theirs[item])).map((item) => ({
    item,
    base: base[item],
    theirs: theirs[item],
    yours: yours[item],
    conflict: !same(base[item], yours[item]) && !same(base[item], theirs[item]) && !same(yours[item], theirs[item]),
  }));
}

/** The items to save on top of theirs: their version, with the person's changes and their choice for each conflict. */
export function resolvedItems(theirs: Items, merges: ItemMerge[], choices: Partial<Record<CorrectableItem, 'yours' | 'theirs'>>): Items {
  const resolved = { ...theirs };
  for (const merge of merges) {
    const yoursChanged = !same(merge.base, merge.yours);
    if (merge.conflict) resolved[merge.item] = (choices[merge.item] ?? 'yours') === 'yours' ? merge.yours : merge.theirs;
    else if (yoursChanged) resolved[merge.item] = merge.yours;
  }
  return resolved;
}
