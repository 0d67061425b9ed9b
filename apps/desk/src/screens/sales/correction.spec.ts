import { correctionBody, mergeCorrection, resolvedItems, type Items } from './correction';

const base: Items = { fullName: '山田 太郎', kana: 'ヤマダ タロウ', organizationName: 'Example KK', department: '営業部', title: '課長', email: 'taro@example.co.jp', phone: '+81312345678', fax: '' };

describe('a correction', () => {
  it('sends only what changed, with the version read', () => {
    expect(correctionBody(base, { ...base, title: '部長', fax: '03-1234-5679' }, 4)).toEqual({ version: 4, title: '部長', fax: '03-1234-5679' });
  });

  it('deletes an emptied optional item and sends the whole name when a part changed', () => {
    expect(correctionBody(base, { ...base, department: ' ', kana: 'ヤマダ タロー' }, 1)).toEqual({ version: 1, department: null, name: { full: '山田 太郎', kana: 'ヤマダ タロー' } });
  });

  it('is nothing when nothing changed but spaces', () => {
    expect(correctionBody(base, { ...base, title: ' 課長 ' }, 1)).toBeNull();
  });
});

describe('merging a correction onto a newer version', () => {
  const theirs: Items = { ...base, phone: '+81398765432', title: '次長' };
  const yours: Items = { ...base, department: '営業企画部', title: '部長' };

  it('keeps what only you changed, takes what only they changed, and asks where both did', () => {
    expect(mergeCorrection(base, yours, theirs)).toEqual([
      { item: 'department', base: '営業部', theirs: '営業部', yours: '営業企画部', conflict: false },
      { item: 'title', base: '課長', theirs: '次長', yours: '部長', conflict: true },
      { item: 'phone', base: '+81312345678', theirs: '+81398765432', yours: '+81312345678', conflict: false },
    ]);
  });

  it('settles an item both changed alike', () => {
    expect(mergeCorrection(base, { ...base, title: '次長' }, theirs).find((m) => m.item === 'title')?.conflict).toBe(false);
  });

  it('resolves onto theirs with your changes and your choices', () => {
    const merges = mergeCorrection(base, yours, theirs);
    expect(resolvedItems(theirs, merges, {})).toEqual({ ...theirs, department: '営業企画部', title: '部長' });
    expect(resolvedItems(theirs, merges, { title: 'theirs' })).toEqual({ ...theirs, department: '営業企画部', title: '次長' });
    // Saved on their version, the correction sends only your side of it.
    expect(correctionBody(theirs, resolvedItems(theirs, merges, {}), 2)).toEqual({ version: 2, department: '営業企画部', title: '部長' });
  });
});
