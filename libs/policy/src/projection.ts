import { SHARED_ITEMS } from './joint-use-notice';
import type { SharedContactItems } from './shared-contact-items';

/**
 * Keeps only the allow-listed items of a contact. Whatever else the source holds (memos, card images,
 * the acquiring staff member, fields added later) is dropped, so a new intake field is private by default.
 */
export function projectSharedItems(source: SharedContactItems & Record<string, unknown>): SharedContactItems {
  const projected: Record<string, unknown> = {};
  for (const item of SHARED_ITEMS) {
    if (source[item] !== undefined && source[item] !== null) projected[item] = structuredClone(source[item]);
  }
  return projected as unknown as SharedContactItems;
}
