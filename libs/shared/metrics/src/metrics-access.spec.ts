import { metricsAccess } from './metrics-access';

const token = 'a'.repeat(16) + 'b'.repeat(16);

describe('metricsAccess', () => {
  it('lets anyone scrape when no token is set', () => {
    expect(metricsAccess(undefined, undefined)).toBe('allowed');
    expect(metricsAccess('Bearer whatever', undefined)).toBe('allowed');
  });

  it('wants the bearer token when one is set', () => {
    expect(metricsAccess(undefined, token)).toBe('no-token');
    expect(metricsAccess('', token)).toBe('no-token');
    expect(metricsAccess(`Basic ${token}`, token)).toBe('no-token');
    expect(metricsAccess('Bearer ', token)).toBe('no-token');
    expect(metricsAccess(`Bearer ${token}x`, token)).toBe('wrong-token');
    expect(metricsAccess(`Bearer ${token.slice(1)}`, token)).toBe('wrong-token');
    expect(metricsAccess(`Bearer ${token}`, token)).toBe('allowed');
    expect(metricsAccess(`bearer ${token}`, token)).toBe('allowed');
  });
});
