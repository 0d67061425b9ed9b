// What the sharing benchmarks share: sharing built and started as its own process on a database of its own,
// tokens signed for it, and everything removed again afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../tools/infra/infrastructure.mjs';
import { kafkaSettingsAs } from '../tools/infra/kafka.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSharing({ infra, port, log }) {
  const identity = await benchIdentityProvider();
  const database = `bench_sharing_${Date.now()}`;
  log('building sharing...');
  execFileSync('npx', ['nx', 'run', 'sharing:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  await infra.createDatabase(database);
  const databaseUrl = infra.databaseUrl(database);
  const consumerGroup = `sharing-bench-${Date.now()}`;
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'apps', 'sharing', 'main.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, 'sharing'), ...identity.settings, LOG_LEVEL: 'warn', KAFKA_CONSUMER_GROUP: consumerGroup },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/health/ready`).catch(() => null))?.ok; i += 1) {
    if (i > 600 || child.exitCode !== null) throw new Error('sharing did not become ready');
    await sleep(200);
  }
  const { token } = identity;
  return {
    url,
    databaseUrl,
    consumerGroup,
    token,
    async registerCompany(code) {
      const response = await fetch(`${url}/companies/${code}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await token('admin', 'GROUP-HD')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ legalName: `${code} KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true }),
      });
      if (!response.ok) throw new Error(`cannot register ${code}: ${response.status}`);
    },
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      const admin = new pg.Client({ connectionString: infra.postgresServerUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}
