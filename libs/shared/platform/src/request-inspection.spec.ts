import { isMyNumber } from './my-number';
import { illFormedTextPaths, inspectRequestValue, MAX_BODY_DEPTH, myNumberPaths } from './request-inspection';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('inspectRequestValue: NUL characters', () => {
  it('finds U+0000 in values and property names, naming a property by its position only', () => {
    expect(inspectRequestValue({ ok: 'a', note: 'a\u0000b', list: ['\u0000'], ['k\u0000']: 'x' }).nulCharacters).toEqual(['note', 'list.0', '(property name)']);
    expect(inspectRequestValue({ note: 'nothing to see' }).nulCharacters).toEqual([]);
  });
});

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

  it('walks a value nested far deeper than any call stack would take', () => {
    expect(illFormedTextPaths(nested(200_000))).toEqual([]);
  });
});

describe('inspectRequestValue', () => {
  it(`accepts ${MAX_BODY_DEPTH} levels of nesting and refuses one more`, () => {
    expect(inspectRequestValue(nested(MAX_BODY_DEPTH)).tooDeep).toBe(false);
    expect(inspectRequestValue(nested(MAX_BODY_DEPTH + 1)).tooDeep).toBe(true);
  });

  it('stops at the depth limit without walking the rest', () => {
    expect(inspectRequestValue(nested(1_000_000)).tooDeep).toBe(true);
  });

  it('names a property name that holds a My Number by its position only, in its children too', () => {
    const found = inspectRequestValue({ a: { '123456789018': { b: 'x', c: '1234 5678 9018' } } });
    expect(found.myNumbers).toEqual(['a.(property name)', 'a.(property name).c']);
    expect(JSON.stringify(found)).not.toContain('9018');
  });

  it('names at most twenty paths', () => {
    expect(inspectRequestValue(Array(100).fill('123456789018')).myNumbers).toHaveLength(20);
  });

  it('finds an integer My Number', () => {
    expect(isMyNumber('123456789018')).toBe(true);
    expect(myNumberPaths({ n: 123456789018, m: 123456789010 })).toEqual(['n']);
  });
});
