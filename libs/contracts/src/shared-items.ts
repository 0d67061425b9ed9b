// The allow-list is stated by the joint-use notice in the policy library; contracts re-export it so that
// events and their consumers speak of the very same items.
export { SHARED_ITEMS, type PersonName, type PostalAddress, type SharedContactItems, type SharedItem, type TransactionEntry } from '@registry/policy';
