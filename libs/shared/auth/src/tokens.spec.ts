import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { InvalidTokenError, mintToken, verifyToken } from './tokens';

const secret = 's'.repeat(40);
const principal = { subject: 'staff-1', role: 'sales' as const, companyCode: 'PSN-JP' };

describe('tokens', () => {
  it('round-trips a principal', () => {
    expect(verifyToken(mintToken(principal, secret), secret)).toEqual(principal);
  });

  it('refuses a token signed with another secret', () => {
    expect(() => verifyToken(mintToken(principal, 'o'.repeat(40)), secret)).toThrow(InvalidTokenError);
  });

  it('refuses an expired token', () => {
    expect(() => verifyToken(mintToken(principal, secret, -10), secret)).toThrow(/expired/);
  });

  it('refuses an unsigned token', () => {
    const unsigned = jwt.sign({ role: 'admin', company: 'X' }, '', { algorithm: 'none', subject: 'x', issuer: 'joint-use-registry' });
    expect(() => verifyToken(unsigned, secret)).toThrow(InvalidTokenError);
  });

  it('refuses an unknown role', () => {
    const token = jwt.sign({ role: 'root', company: 'X' }, secret, { subject: 'x', issuer: 'joint-use-registry' });
    expect(() => verifyToken(token, secret)).toThrow(/role/);
  });
});

describe('npm run token (tools/mint-token.mjs)', () => {
  it('mints tokens this library accepts', () => {
    const script = join(__dirname, '..', '..', '..', '..', 'tools', 'mint-token.mjs');
    const token = execFileSync(process.execPath, [script, 'company', 'EVENTS-JP'], { env: { ...process.env, JWT_SECRET: secret } }).toString().trim();
    expect(verifyToken(token, secret)).toEqual({ subject: 'company-events-jp', role: 'company', companyCode: 'EVENTS-JP' });
  });
});
