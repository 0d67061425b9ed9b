import { SuppressionList } from './suppression-list';

const list = new SuppressionList('s'.repeat(32));

describe('SuppressionList keys', () => {
  it('recognises the same e-mail and phone under another spelling', () => {
    const first = list.keys({ email: 'Taro.Yamada@Example.co.jp', phone: '03-1234-5678' });
    const again = list.keys({ email: 'ｔａｒｏ．ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', phone: '+81 3 1234 5678' });
    expect(again).toEqual(first);
  });

  it('keeps no value in the clear, and depends on the secret', () => {
    const keys = list.keys({ email: 'taro@example.co.jp', phone: null });
    expect(keys.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.emailHash).not.toContain('taro');
    expect(keys.phoneHash).toBeNull();
    expect(new SuppressionList('t'.repeat(32)).keys({ email: 'taro@example.co.jp', phone: null }).emailHash).not.toBe(keys.emailHash);
  });
});
