import { normalizeEmail, normalizeJapanesePhone, normalizeText } from './normalize';

describe('normalizeJapanesePhone', () => {
  it.each([
    ['03-1234-5678', '+81312345678'],
    ['０３－１２３４－５６７８', '+81312345678'],
    ['+81 3 1234 5678', '+81312345678'],
    ['090-1234-5678', '+819012345678'],
    ['(03) 1234-5678', '+81312345678'],
  ])('stores %s as %s', (input, expected) => {
    expect(normalizeJapanesePhone(input)).toBe(expected);
  });

  it.each(['12345', '+1 212 555 0100', 'call me', '03-1234-567'])('refuses %s', (input) => {
    expect(normalizeJapanesePhone(input)).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('folds full-width characters, trims and lower-cases the domain only', () => {
    expect(normalizeEmail('  Taro.Yamada＠Example.CO.JP ')).toBe('Taro.Yamada@example.co.jp');
  });
});

describe('normalizeText', () => {
  it('trims ASCII and full-width spaces', () => {
    expect(normalizeText('\u3000 山田 太郎 \u3000')).toBe('山田 太郎');
  });
});
