import { createHash } from 'node:crypto';
import { base64url, codeChallengeOf, isValidVerifier, randomToken } from './pkce';

describe('PKCE', () => {
  it('computes the S256 challenge of the RFC 7636 example', async () => {
    // RFC 7636, Appendix B
    expect(await codeChallengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('agrees with Node’s SHA-256 for random verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const verifier = randomToken();
      expect(await codeChallengeOf(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
    }
  });

  it('makes 43-character verifiers of unreserved characters, different every time', () => {
    const verifiers = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(verifiers.size).toBe(100);
    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(43);
      expect(isValidVerifier(verifier)).toBe(true);
    }
  });

  it('refuses a verifier too short, too long or with other characters', async () => {
    expect(isValidVerifier('a'.repeat(42))).toBe(false);
    expect(isValidVerifier('a'.repeat(129))).toBe(false);
    expect(isValidVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    await expect(codeChallengeOf('short')).rejects.toThrow('43 to 128');
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
  });
});
