import { SHARED_ITEMS } from './joint-use-notice';
import { projectSharedItems } from './projection';
import type { SharedContactItems } from './shared-contact-items';

describe('projectSharedItems', () => {
  it('keeps the allowed items and drops every intake-only field', () => {
    const source = {
      name: { full: '山田 太郎' },
      organizationName: 'Example KK',
      email: 'taro@example.co.jp',
      transactionHistory: [],
      memo: 'prefers golf',
      cardImageRef: 's3://cards/1.png',
      acquiredBy: 'staff-42',
    } as SharedContactItems & Record<string, unknown>;
    const projected = projectSharedItems(source);
    expect(Object.keys(projected).sort()).toEqual(['email', 'name', 'organizationName', 'transactionHistory']);
    expect(Object.keys(projected).every((key) => (SHARED_ITEMS as readonly string[]).includes(key))).toBe(true);
  });

  it('copies rather than shares nested values', () => {
    const source = { name: { full: 'A' }, organizationName: 'B', transactionHistory: [] } as SharedContactItems & Record<string, unknown>;
    const projected = projectSharedItems(source);
    projected.name.full = 'changed';
    expect(source.name.full).toBe('A');
  });
});
