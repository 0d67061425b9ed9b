import { containsMyNumber, isMyNumber } from './my-number';
import { myNumberPaths } from './request-inspection';

// 12 digits whose last digit is the check digit of the first eleven.
function withCheckDigit(eleven: string): string {
  for (let d = 0; d <= 9; d += 1) if (isMyNumber(`${eleven}${d}`)) return `${eleven}${d}`;
  throw new Error('unreachable: every 11 digits have one check digit');
}

describe('My Number detection', () => {
  const valid = withCheckDigit('12345678901');

  it('computes the check digit of the published algorithm', () => {
    // 12345678901: sum of P×Q from the right = 1×2+0×3+9×4+8×5+7×6+6×7+5×2+4×3+3×4+2×5+1×6 = 212; 212 mod 11 = 3; check = 8
    expect(valid).toBe('123456789018');
    expect(isMyNumber('123456789010')).toBe(false);
  });

  it('accepts exactly one check digit for any eleven digits', () => {
    for (const eleven of ['00000000000', '99999999999', '31415926535', '27182818284']) {
      const matches = [...Array(10).keys()].filter((d) => isMyNumber(`${eleven}${d}`));
      expect(matches).toHaveLength(1);
    }
  });

  it.each([
    valid,
    '1234 5678 9018',
    '1234-5678-9018',
    '1234.5678.9018',
    '1234/5678/9018',
    '1234・5678・9018',
    '1234　5678　9018',
    '1234－5678－9018',
    '1234ー5678ー9018',
    '１２３４５６７８９０１８',
    '１２３４．５６７８．９０１８',
    `my number is ${valid}, thanks`,
  ])('finds one in "%s"', (text) => {
    expect(containsMyNumber(text)).toBe(true);
  });

  it.each(['123456789010', '1234.5678.9010', '03-1234-5678', '+81312345678', '1234567890180', '2026-11-24', '2026/11/24 10:30', 'order 12345678'])(
    'finds none in "%s"',
    (text) => {
      expect(containsMyNumber(text)).toBe(false);
    },
  );

  it('takes no UUID for one, even when its groups line up as twelve hyphenated digits', () => {
    expect(containsMyNumber('1234-5678-9018')).toBe(true);
    expect(containsMyNumber('abcdefab-1234-5678-9018-abcdefabcdef')).toBe(false);
    expect(containsMyNumber('0e8400ab-e29b-41d4-a716-123456789018')).toBe(false);
    expect(containsMyNumber('contact 0e8400ab-e29b-41d4-a716-123456789018 and 1234 5678 9018')).toBe(true);
  });

  it('names every field of a body that holds one', () => {
    expect(
      myNumberPaths({ memo: `id ${valid}`, name: { full: 'A' }, transactionHistory: [{ description: 'ok' }, { description: valid }], [valid]: 'x' }),
    ).toEqual(['memo', 'transactionHistory.1.description', '(property name)']);
  });
});
