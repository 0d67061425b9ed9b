// Audit built and started as its own process on a database of its own, as sharing-under-test.mjs does for
// sharing: its own consumer group and signing key, tokens from the run's identity provider, and everything
// removed afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../tools/infra/infrastructure.mjs';
import { kafkaSettingsAs } from '../tools/infra/kafka.mjs';
import { benchIdentityProvider } from './bench-identity.mjs';
import { sleep } from './bench-kit.mjs';

export async function startAudit({ infra, port, log, identity }) {
  identity ??= await benchIdentityProvider();
  const database = `bench_audit_${Date.now()}`;
  log('building audit...');
  execFileSync('npx', ['nx', 'run', 'audit:build', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  await infra.createDatabase(database);
  const databaseUrl = infra.databaseUrl(database);
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'apps', 'audit', 'main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...kafkaSettingsAs(infra.kafkaBrokers, infra.kafkaCredentialsFile, 'audit'),
      ...identity.settings,
      LOG_LEVEL: 'warn',
      KAFKA_CONSUMER_GROUP: `audit-bench-${randomUUID()}`,
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let stopped = false;
  child.once('exit', (code, signal) => stopped || log(`audit stopped by itself (${signal ?? `status ${code}`})`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await fetch(`${url}/health/ready`).catch(() => null))?.ok; i += 1) {
    if (i > 600 || child.exitCode !== null) throw new Error('audit did not become ready');
    await sleep(200);
  }
  return {
    url,
    databaseUrl,
    pid: child.pid,
    async stopProcess() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
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
