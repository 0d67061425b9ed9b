import { illFormedTextPaths } from './well-formed-text';

describe('illFormedTextPaths', () => {
  it('finds lone surrogates in values and property names, however deep', () => {
    expect(illFormedTextPaths({ ok: '山田 😀', bad: '\ud800', list: ['x', { deep: 'a\udc00b' }], ['k\ud800']: 1 })).toEqual([
      'bad',
      'list.1.deep',
      '(property name)',
    ]);
  });

  it('accepts well-formed text and non-string values', () => {
    expect(illFormedTextPaths({ a: 1, b: null, c: [true], d: 'ｘ' })).toEqual([]);
  });
});
