#!/usr/bin/env node
// Mints a bearer token for local use:  npm run --silent token -- <role> <company> [subject] [ttl-seconds]
//   role: sales | admin | company      company: a group company code, e.g. STAFFING-JP
// The token comes from the local development identity provider (tools/dev-secret.mjs) and names every
// service's audience, so one token works against contacts, sharing and audit.
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { devIdentityProvider } from './dev-secret.mjs';

const ROLES = ['sales', 'admin', 'company'];
const [role, company, subject = `${role}-${(company ?? '').toLowerCase()}`, ttl = '3600'] = process.argv.slice(2);
if (!ROLES.includes(role) || !company || !/^\d+$/.test(ttl)) {
  console.error('usage: npm run --silent token -- <sales|admin|company> <COMPANY-CODE> [subject] [ttl-seconds]');
  process.exit(2);
}
const issuer = devIdentityProvider();
const key = createPrivateKey({ key: Buffer.from(issuer.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
const { keys } = JSON.parse(readFileSync(issuer.jwksFile, 'utf8'));
const token = await new SignJWT({ registry_role: role, registry_company: company })
  .setProtectedHeader({ alg: 'EdDSA', kid: keys[0].kid, typ: 'JWT' })
  .setIssuer(issuer.issuer)
  .setAudience(Object.values(issuer.audiences))
  .setSubject(subject)
  .setIssuedAt()
  .setExpirationTime(`${Number(ttl)}s`)
  .sign(key);
process.stdout.write(`${token}\n`);
