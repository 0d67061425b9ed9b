// What the sharing benchmarks share: sharing built and started as its own process on a database of its own,
// tokens signed for it, and everything removed again afterwards. With `profile`, it runs under node --cpu-prof
// and leaves its profile in .data/profiles/ when stopped.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../tools/infra/infrastructure.mjs';
import { kafkaSettingsAs } from '../tools/infra/kafka.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';
import { PROFILE_DIR } from './contacts-under-test.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSharing({ infra, port, log, identity, profile = false }) {
  identity ??= await benchIdentityProvider();
  const database = `bench_sharing_${Date.now()}`;
  log('building sharing...');
  execFileSync('npx', ['nx', 'run', 'sharing:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  await infra.createDatabase(database);
  const databaseUrl = infra.databaseUrl(database);
  const consumerGroup = `sharing-bench-${Date.now()}`;
  const profileName = `sharing-${Date.now()}.cpuprofile`;
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const profiling = profile ? ['--import', join(repoRoot, 'bench', 'exit-after-shutdown.mjs'), '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}`] : [];
  const queryCountFile = join(PROFILE_DIR, `sharing-queries-${Date.now()}.json`);
  mkdirSync(PROFILE_DIR, { recursive: true });
  const counting = ['--import', join(repoRoot, 'bench', 'query-counter.mjs')];
  const child = spawn(process.execPath, [...counting, ...profiling, join(repoRoot, 'dist', 'apps', 'sharing', 'main.js')], {
    cwd: repoRoot,
    env: {
      BENCH_QUERY_COUNT_FILE: queryCountFile, ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, 'sharing'), ...identity.settings, LOG_LEVEL: 'warn', KAFKA_CONSUMER_GROUP: consumerGroup },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let stopping = false;
  child.once('exit', (code, signal) => stopping || log(`sharing stopped by itself (${signal ?? `status ${code}`})`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/health/ready`).catch(() => null))?.ok; i += 1) {
    if (i > 600 || child.exitCode !== null) throw new Error('sharing did not become ready');
    await sleep(200);
  }
  const { token } = identity;
  return {
    url,
    databaseUrl,
    pid: child.pid,
    consumerGroup,
    token,
    /** The statements sharing has sent to PostgreSQL so far, by their first word (see query-counter.mjs). */
    async queryCounts() {
      // The file is written every 100 ms: wait for the last statements to be in it.
      await sleep(300);
      if (!existsSync(queryCountFile)) throw new Error('sharing wrote no query counts');
      return JSON.parse(readFileSync(queryCountFile, 'utf8'));
    },
    /** Waits until sharing's consumer group has read everything the contact topic holds. */
    async waitUntilCaughtUp(kafka, topic = 'contacts.contact.v1', timeoutMs = 600_000) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const ends = await admin.fetchTopicOffsets(topic).catch(() => null);
          const [group] = await admin.fetchOffsets({ groupId: consumerGroup, topics: [topic] }).catch(() => [null]);
          if (ends && group && ends.every((end) => end.high === '0' || group.partitions.find((p) => p.partition === end.partition)?.offset === end.high)) return;
          if (Date.now() > deadline) throw new Error(`sharing did not catch up with ${topic}`);
          await sleep(100);
        }
      } finally {
        await admin.disconnect();
      }
    },
    async registerCompany(code) {
      const response = await fetch(`${url}/companies/${code}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await token('admin', 'GROUP-HD')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ legalName: `${code} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true }),
      });
      if (!response.ok) throw new Error(`cannot register ${code}: ${response.status}`);
    },
    /** Stops the process, leaving the database; returns the path of its CPU profile, if it was profiled. */
    async stopProcess() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      return profile && existsSync(join(PROFILE_DIR, profileName)) ? join(PROFILE_DIR, profileName) : null;
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
