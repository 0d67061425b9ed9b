#!/usr/bin/env node
// `npm start`: PostgreSQL and Kafka, then the three services built and started, the development identity provider,
// and the desk (the web app for sales staff, the privacy office and the administrator), until Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { devAuditSigningKey, devContactsServiceKey, devIdentityProvider, devSuppressionSecret, mintDevToken } from './dev-secret.mjs';
import { repoRoot, SERVICES, startInfrastructure } from './infra/infrastructure.mjs';
import { kafkaSettingsAs } from './infra/kafka.mjs';

const say = (line) => console.log(`registry: ${line}`);
const COLORS = { contacts: 36, sharing: 35, audit: 33, identity: 32, desk: 34 };
const DESK_PORT = Number(process.env.DESK_PORT ?? 3000);
const IDENTITY_PORT = Number(process.env.DEV_IDP_PORT ?? 3009);
const children = new Map();
let infra;
let stopping = false;

function printLogLine(service, line) {
  let text = line;
  try {
    const { time: _time, level, service: _service, context, msg, ...rest } = JSON.parse(line);
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    text = `${level.padEnd(5)} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}`;
  } catch {
    // not JSON: print as it is
  }
  console.log(`\x1b[${COLORS[service]}m${service.padEnd(8)}\x1b[0m ${text}`);
}

/** Starts one of our Node processes, its log lines printed under its name; any of them ending stops everything. */
function startChild(name, script, env) {
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      const lines = (buffered + chunk.toString()).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) printLogLine(name, line);
    });
  }
  child.once('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

async function waitUntilReady(name, url, timeoutMs = 90_000, path = '/health/ready') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} stopped while starting`);
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

/** Contacts copies the register from sharing's topic; waits until it knows the seeded companies' staff. */
async function waitUntilContactsKnowsRegister(url, timeoutMs = 60_000) {
  const authorization = `Bearer ${await mintDevToken('sales', 'STAFFING-JP', 'registry-start', 120)}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/contacts?limit=1`, { headers: { authorization } }).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`contacts did not receive the group company register within ${timeoutMs / 1000} s`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping services...');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (infra) {
    say('stopping infrastructure...');
    await infra.stop();
  }
  say('stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  infra = await startInfrastructure({ log: say });
  for (const { database } of Object.values(SERVICES)) await infra.createDatabase(database);
  say('building the services and the desk...');
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...Object.keys(SERVICES), 'desk', '--output-style=static'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const identity = devIdentityProvider();
  const contactsKey = devContactsServiceKey();
  for (const [name, { port, database }] of Object.entries(SERVICES)) {
    startChild(name, join(repoRoot, 'dist', 'apps', name, 'main.js'), {
      ...process.env,
      PORT: String(port),
      HOST: process.env.HOST ?? '127.0.0.1',
      DATABASE_URL: infra.databaseUrl(database),
      // Each service connects to Kafka as its own principal, with the ACLs of tools/kafka/service-acls.txt.
      ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, name),
      AUTH_ISSUER: identity.issuer,
      AUTH_AUDIENCE: identity.audiences[name],
      AUTH_JWKS_FILE: identity.jwksFile,
      ...(name === 'sharing' ? { SEED_DEV_COMPANIES: process.env.SEED_DEV_COMPANIES ?? 'true' } : {}),
      ...(name === 'audit' ? { AUDIT_SIGNING_KEY: devAuditSigningKey() } : {}),
      ...(name === 'contacts' ? { SUPPRESSION_HMAC_SECRET: devSuppressionSecret(), AUTH_SERVICE_SIGNING_KEY: contactsKey.privateKey } : {}),
      ...(name !== 'contacts' ? { AUTH_SERVICE_CALLER_JWKS_FILE: contactsKey.jwksFile } : {}),
    });
  }
  // Development has a local sign-in: the desk sends people to this provider, which signs with the key the services trust.
  const deskUrl = `http://127.0.0.1:${DESK_PORT}`;
  const identityUrl = `http://127.0.0.1:${IDENTITY_PORT}`;
  startChild('identity', join(repoRoot, 'tools', 'dev-identity-provider.mjs'), {
    ...process.env,
    PORT: String(IDENTITY_PORT),
    HOST: '127.0.0.1',
    DEV_IDP_REDIRECT_URIS: `${deskUrl}/auth/callback,http://localhost:${DESK_PORT}/auth/callback`,
  });
  startChild('desk', join(repoRoot, 'dist', 'apps', 'desk', 'main.js'), {
    ...process.env,
    PORT: String(DESK_PORT),
    HOST: '127.0.0.1',
    DESK_CONTACTS_URL: `http://127.0.0.1:${SERVICES.contacts.port}`,
    DESK_SHARING_URL: `http://127.0.0.1:${SERVICES.sharing.port}`,
    DESK_AUDIT_URL: `http://127.0.0.1:${SERVICES.audit.port}`,
    AUTH_ISSUER: identity.issuer,
    AUTH_DISCOVERY_URL: `${identityUrl}/.well-known/openid-configuration`,
  });
  await Promise.all(Object.entries(SERVICES).map(([name, { port }]) => waitUntilReady(name, `http://127.0.0.1:${port}`)));
  await Promise.all([waitUntilReady('identity', identityUrl, 30_000, '/health'), waitUntilReady('desk', deskUrl, 60_000, '/health')]);
  if ((process.env.SEED_DEV_COMPANIES ?? 'true') === 'true') await waitUntilContactsKnowsRegister(`http://127.0.0.1:${SERVICES.contacts.port}`);
  console.log('');
  say(`desk     ${deskUrl}   sign in as sales staff, the privacy office or the administrator`);
  say(`sign-in  ${identityUrl}   the development identity provider (no password: pick a person)`);
  for (const [name, { port }] of Object.entries(SERVICES)) {
    say(`${name.padEnd(8)} http://127.0.0.1:${port}   API docs: http://127.0.0.1:${port}/docs`);
  }
  say('ready: the desk and all three services are up, with PostgreSQL and Kafka. Press Ctrl-C to stop.');
} catch (error) {
  console.error(`registry: cannot start: ${error.message}`);
  await shutdown(1);
}
