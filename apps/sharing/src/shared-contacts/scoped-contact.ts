import type { SharedItem } from '@registry/policy';
import type { SharedContactEntity } from '../projection/shared-contact.entity';

/**
 * A contact as one group company may see it: the optional items outside the person's scope (items a later revision
 * added, of which the person was not told) are left out. Name, organization and transaction history are in every
 * revision's scope, as the shared-contact contract requires them.
 */
export function withinScope(contact: SharedContactEntity, items: readonly SharedItem[]): SharedContactEntity {
  const has = (item: SharedItem) => items.includes(item);
  return {
    ...contact,
    address: has('address') ? contact.address : null,
    department: has('department') ? contact.department : null,
    title: has('title') ? contact.title : null,
    email: has('email') ? contact.email : null,
    phone: has('phone') ? contact.phone : null,
    fax: has('fax') ? contact.fax : null,
  };
}
