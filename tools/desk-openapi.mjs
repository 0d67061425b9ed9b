#!/usr/bin/env node
// `npm run desk:openapi`: refreshes the desk's OpenAPI snapshots (apps/desk/openapi/<service>.json) from what the
// built services serve. It builds the three services, starts each against PostgreSQL and Kafka (as `npm start`
// finds or starts them: DATABASE_URL, KAFKA_BROKERS and KAFKA_CREDENTIALS_FILE name existing ones) in a database
// of its own, reads /docs/openapi.json, and stops them again. The desk's types are generated from the snapshots.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { devContactsServiceKey, devIdentityProvider, devSuppressionSecret, devAuditSigningKey } from './dev-secret.mjs';
import { repoRoot, SERVICES, startInfrastructure } from './infra/infrastructure.mjs';
import { kafkaSettingsAs } from './infra/kafka.mjs';

const say = (line) => console.log(`desk-openapi: ${line}`);

/** The OpenAPI document as the desk's snapshot keeps it: stable key order is the service's own, two-space indented. */
export const snapshotText = (document) => `${JSON.stringify(document, null, 2)}\n`;

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function withServer(serverUrl, work) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function documentOf(name, infra) {
  const database = `desk_openapi_${name}_${process.pid}`;
  await withServer(infra.postgresServerUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const port = await freePort();
  const identity = devIdentityProvider();
  const contactsKey = devContactsServiceKey();
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'apps', name, 'main.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: infra.databaseUrl(database),
      ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, name),
      KAFKA_CONSUMER_GROUP: `desk-openapi-${name}-${process.pid}`,
      AUTH_ISSUER: identity.issuer,
      AUTH_JWKS_FILE: identity.jwksFile,
      ...(name === 'audit' ? { AUDIT_SIGNING_KEY: devAuditSigningKey() } : {}),
      ...(name === 'contacts' ? { SUPPRESSION_HMAC_SECRET: devSuppressionSecret(), AUTH_SERVICE_SIGNING_KEY: contactsKey.privateKey } : {}),
      ...(name !== 'contacts' ? { AUTH_SERVICE_CALLER_JWKS_FILE: contactsKey.jwksFile } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
      const response = await fetch(`http://127.0.0.1:${port}/docs/openapi.json`).catch(() => null);
      if (response?.ok) return await response.json();
      if (Date.now() > deadline) throw new Error(`${name} did not serve its OpenAPI document within 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
    await withServer(infra.postgresServerUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

say('building the services...');
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...Object.keys(SERVICES), '--output-style=static'], {
  cwd: repoRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false' },
});
const infra = await startInfrastructure({ log: say });
let failed = false;
try {
  for (const name of Object.keys(SERVICES)) {
    const file = join(repoRoot, 'apps', 'desk', 'openapi', `${name}.json`);
    writeFileSync(file, snapshotText(await documentOf(name, infra)));
    say(`${name}: wrote ${file}`);
  }
} catch (error) {
  failed = true;
  console.error(`desk-openapi: ${error.message}`);
} finally {
  await infra.stop();
}
process.exit(failed ? 1 : 0);
