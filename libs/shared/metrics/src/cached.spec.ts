import { Cached } from './cached';

describe('Cached', () => {
  it('reads once per window and again after it', async () => {
    let now = 0;
    let reads = 0;
    const cached = new Cached(1000, async () => ++reads, () => now);
    expect(await cached.get()).toBe(1);
    now = 999;
    expect(await cached.get()).toBe(1);
    now = 1000;
    expect(await cached.get()).toBe(2);
  });

  it('shares a reading under way between concurrent callers', async () => {
    let reads = 0;
    const cached = new Cached(1000, async () => ++reads);
    expect(await Promise.all([cached.get(), cached.get(), cached.get()])).toEqual([1, 1, 1]);
  });

  it('keeps no failed reading', async () => {
    let fail = true;
    const cached = new Cached(60_000, async () => {
      if (fail) throw new Error('broker away');
      return 'ok';
    });
    await expect(cached.get()).rejects.toThrow('broker away');
    fail = false;
    await expect(cached.get()).resolves.toBe('ok');
  });
});
