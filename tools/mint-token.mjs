#!/usr/bin/env node
// Mints a bearer token for local use:  npm run --silent token -- <role> <company> [subject] [ttl-seconds]
//   role: sales | admin | company      company: a group company code, e.g. STAFFING-JP
import jwt from 'jsonwebtoken';
import { devJwtSecret } from './dev-secret.mjs';

const ROLES = ['sales', 'admin', 'company'];
const [role, company, subject = `${role}-${(company ?? '').toLowerCase()}`, ttl = '3600'] = process.argv.slice(2);
if (!ROLES.includes(role) || !company) {
  console.error('usage: npm run --silent token -- <sales|admin|company> <COMPANY-CODE> [subject] [ttl-seconds]');
  process.exit(2);
}
// Same claims as libs/shared/auth mintToken: HS256, issuer, subject, role, company.
const token = jwt.sign({ role, company }, devJwtSecret(), {
  algorithm: 'HS256',
  issuer: 'joint-use-registry',
  subject,
  expiresIn: Number(ttl),
});
process.stdout.write(`${token}\n`);
