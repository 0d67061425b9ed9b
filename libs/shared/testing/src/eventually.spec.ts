import { eventually } from './eventually';

describe('eventually', () => {
  it('returns as soon as the assertion passes', async () => {
    let calls = 0;
    const value = await eventually(() => {
      calls += 1;
      if (calls < 3) throw new Error('not yet');
      return 'done';
    }, { intervalMs: 1 });
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows the last failure when time is up', async () => {
    await expect(eventually(() => Promise.reject(new Error('never')), { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow('never');
  });
});
