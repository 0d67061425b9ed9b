import { SHARED_ITEMS, type SharedItem } from './joint-use-notice';
import type { SharedContactItems } from './shared-contact-items';

/**
 * Keeps only the allow-listed items of a contact (or fewer: the items of one person's scope, JointUseScope).
 * Whatever else the source holds (memos, card images, the acquiring staff member, fields added later) is
 * dropped, so a new intake field is private by default.
 */
export function projectSharedItems(source: SharedContactItems & Record<string, unknown>, items: readonly SharedItem[] = SHARED_ITEMS): SharedContactItems {
  const projected: Record<string, unknown> = {};
  for (const item of SHARED_ITEMS.filter((known) => items.includes(known))) {
    if (source[item] !== undefined && source[item] !== null) projected[item] = structuredClone(source[item]);
  }
  return projected as unknown as SharedContactItems;
}
