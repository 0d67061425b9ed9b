// Contacts built and started as its own process on a database of its own, as sharing-under-test.mjs does for
// sharing: tokens from the run's identity provider, its own consumer group, and everything removed afterwards.
// With `profile`, it runs under node --cpu-prof and leaves its profile in .data/profiles/ when stopped; it
// always counts the statements it sends to PostgreSQL (queryCounts).
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../tools/infra/infrastructure.mjs';
import { kafkaSettingsAs } from '../tools/infra/kafka.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';
import { sleep } from './bench-kit.mjs';

export const PROFILE_DIR = join(repoRoot, '.data', 'profiles');

export async function startContacts({ infra, port, log, identity, profile = false }) {
  const queryCountFile = join(PROFILE_DIR, `contacts-queries-${Date.now()}.json`);
  mkdirSync(PROFILE_DIR, { recursive: true });
  identity ??= await benchIdentityProvider();
  const database = `bench_contacts_${Date.now()}`;
  log('building contacts...');
  execFileSync('npx', ['nx', 'run', 'contacts:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  await infra.createDatabase(database);
  const databaseUrl = infra.databaseUrl(database);
  const profileName = `contacts-${Date.now()}.cpuprofile`;
  const profiling = profile ? ['--import', join(repoRoot, 'bench', 'exit-after-shutdown.mjs'), '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}`] : [];
  const counting = ['--import', join(repoRoot, 'bench', 'query-counter.mjs')];
  const child = spawn(process.execPath, [...counting, ...profiling, join(repoRoot, 'dist', 'apps', 'contacts', 'main.js')], {
    cwd: repoRoot,
    env: {
      BENCH_QUERY_COUNT_FILE: queryCountFile,
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, 'contacts'),
      ...identity.settings,
      LOG_LEVEL: 'warn',
      KAFKA_CONSUMER_GROUP: `contacts-bench-${Date.now()}`,
      SUPPRESSION_HMAC_SECRET: randomBytes(32).toString('hex'),
      AUTH_SERVICE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let stopped = false;
  child.once('exit', (code, signal) => stopped || log(`contacts stopped by itself (${signal ?? `status ${code}`})`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/health/ready`).catch(() => null))?.ok; i += 1) {
    if (i > 600 || child.exitCode !== null) throw new Error('contacts did not become ready');
    await sleep(200);
  }
  const query = async (sql, params) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    databaseUrl,
    pid: child.pid,
    token: identity.token,
    /** The statements contacts has sent to PostgreSQL so far, by their first word (see query-counter.mjs). */
    async queryCounts() {
      // The file is written every 100 ms: wait for the last statements to be in it.
      await sleep(300);
      if (!existsSync(queryCountFile)) throw new Error('contacts wrote no query counts');
      return JSON.parse(readFileSync(queryCountFile, 'utf8'));
    },
    /** Waits until contacts' copy of the register (fed by sharing's register topic) holds the company. */
    async waitForCompany(code, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await query(`SELECT 1 FROM company_register WHERE company_code = $1`, [code])).length === 0) {
        if (Date.now() > deadline) throw new Error(`contacts did not learn of ${code} from the register topic`);
        await sleep(200);
      }
    },
    /** Puts a company straight into contacts' copy of the register, for a benchmark that runs without sharing. */
    async copyCompany(code) {
      await query(
        `INSERT INTO company_register (company_code, version, legal_name, country, relationship, active, changed_at)
         VALUES ($1, 1, $2, 'JP', 'CONSOLIDATED_SUBSIDIARY', true, now()) ON CONFLICT (company_code) DO NOTHING`,
        [code, `${code} KK`],
      );
    },
    /** Stops the process (and leaves the database for a baseline on the same schema); returns the profile's path, if any. */
    async stopProcess() {
      if (stopped) return null;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      const written = profile && existsSync(PROFILE_DIR) ? readdirSync(PROFILE_DIR).find((name) => name === profileName) : undefined;
      return written ? join(PROFILE_DIR, written) : null;
    },
    async stop() {
      await this.stopProcess();
      const admin = new pg.Client({ connectionString: infra.postgresServerUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}
