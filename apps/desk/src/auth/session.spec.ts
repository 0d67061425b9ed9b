import { clearSession, EXPIRY_MARGIN_MS, isExpired, loadSession, saveSession, sessionFromTokens } from './session';
import { MemoryStorage } from '../testing/memory-storage';

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const token = (overrides: object = {}) =>
  jwt({ sub: 'sales-staffing-jp', iss: 'urn:registry:dev-identity-provider', exp: now / 1000 + 3600, registry_role: 'sales', registry_company: 'STAFFING-JP', ...overrides });

describe('the desk session', () => {
  it('takes who is signed in from the access token, and the name from the ID token', () => {
    expect(sessionFromTokens(token(), { sub: 'sales-staffing-jp', name: '佐藤 花子' })).toEqual({
      accessToken: token(),
      expiresAt: now + 3_600_000,
      subject: 'sales-staffing-jp',
      name: '佐藤 花子',
      role: 'sales',
      companyCode: 'STAFFING-JP',
    });
  });

  it('refuses a token without a desk role', () => {
    expect(() => sessionFromTokens(token({ registry_role: 'root' }), { sub: 'x' })).toThrow('no desk role');
  });

  it('keeps a session in the tab’s storage until it ends, with a margin', () => {
    const storage = new MemoryStorage();
    const session = sessionFromTokens(token(), { sub: 's' });
    saveSession(storage, session);
    expect(loadSession(storage, now)).toEqual(session);
    expect(isExpired(session, session.expiresAt - EXPIRY_MARGIN_MS - 1)).toBe(false);
    expect(loadSession(storage, session.expiresAt - EXPIRY_MARGIN_MS)).toBe('ended');
    expect(storage.length).toBe(0);
    expect(loadSession(storage, now)).toBeNull();
  });

  it('forgets a damaged session and a signed-out one', () => {
    const storage = new MemoryStorage();
    storage.setItem('desk.session', '{not json');
    expect(loadSession(storage, now)).toBeNull();
    expect(storage.length).toBe(0);
    saveSession(storage, sessionFromTokens(token(), { sub: 's' }));
    clearSession(storage);
    expect(loadSession(storage, now)).toBeNull();
  });
});
