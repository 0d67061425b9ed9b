import { identityKeys, readingText } from './contact-identity';

describe('identityKeys', () => {
  it('recognises the same e-mail however it was typed', () => {
    const a = identityKeys({ email: 'Taro.Yamada@example.co.jp', nameFull: 'A', organizationName: 'B', phone: null });
    const b = identityKeys({ email: 'ｔａｒｏ.yamada@example.co.jp', nameFull: 'C', organizationName: 'D', phone: null });
    expect(a.emailKey).toBe(b.emailKey);
  });

  it('recognises name, organization and phone across spacing and width', () => {
    const a = identityKeys({ email: null, nameFull: '山田 太郎', organizationName: 'Example KK', phone: '+81312345678' });
    const b = identityKeys({ email: null, nameFull: '山田　太郎', organizationName: 'ＥＸＡＭＰＬＥ ＫＫ', phone: '+81312345678' });
    expect(a.personKey).toBe(b.personKey);
  });

  it('has no person key without a phone', () => {
    expect(identityKeys({ email: null, nameFull: 'A', organizationName: 'B', phone: null }).personKey).toBeNull();
  });
});

describe('readingText', () => {
  it('reads hiragana, katakana and half-width kana as one, whatever the spacing', () => {
    const forms = ['すずき いちろう', 'スズキ イチロウ', 'ｽｽﾞｷ ｲﾁﾛｳ', 'すずきいちろう', 'スズキ　イチロウ'];
    expect(new Set(forms.map(readingText))).toEqual(new Set(['スズキイチロウ']));
  });

  it('folds the small kana, ゔ and the iteration marks too', () => {
    expect(readingText('ぁゔゝゞ')).toBe(readingText('ァヴヽヾ'));
  });

  it('leaves kanji and Latin letters as identityText does', () => {
    expect(readingText('鈴木 Ichiro')).toBe('鈴木ichiro');
  });
});

describe('identityKeys by reading', () => {
  it('links a name written in hiragana to the same name in katakana', () => {
    const a = identityKeys({ email: null, nameFull: 'すずき いちろう', organizationName: 'Example KK', phone: '+81312345678' });
    const b = identityKeys({ email: null, nameFull: 'ｽｽﾞｷ ｲﾁﾛｳ', organizationName: 'Example KK', phone: '+81312345678' });
    expect(a.personKey).toBe(b.personKey);
  });
});
