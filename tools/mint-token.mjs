#!/usr/bin/env node
// Mints a bearer token for local use:  npm run --silent token -- <role> <company> [subject] [ttl-seconds]
//   role: sales | admin | company      company: a group company code, e.g. STAFFING-JP
// The token comes from the local development identity provider (tools/dev-secret.mjs) and names every
// service's audience, so one token works against contacts, sharing and audit.
import { mintDevToken } from './dev-secret.mjs';

const ROLES = ['sales', 'admin', 'company'];
const [role, company, subject, ttl = '3600'] = process.argv.slice(2);
if (!ROLES.includes(role) || !company || !/^\d+$/.test(ttl)) {
  console.error('usage: npm run --silent token -- <sales|admin|company> <COMPANY-CODE> [subject] [ttl-seconds]');
  process.exit(2);
}
process.stdout.write(`${await mintDevToken(role, company, subject, Number(ttl))}\n`);
