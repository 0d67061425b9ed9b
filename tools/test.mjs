#!/usr/bin/env node
// `npm test`: PostgreSQL and Kafka for the run, then lint, unit, integration and end-to-end tests of
// every project, then the infrastructure stopped again. Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startInfrastructure } from './infra/infrastructure.mjs';

const say = (line) => console.log(`registry-test: ${line}`);
const started = Date.now();
let infra;
let exitCode = 1;
const totals = { passed: 0, failed: 0, skipped: 0 };

function countJestSummary(rawLine) {
  // Jest's closing line per project, e.g. "Tests:       1 failed, 2 skipped, 40 passed, 43 total"
  const line = rawLine.replace(/\x1b\[[0-9;]*m/g, '');
  const match = line.match(/^\s*Tests:\s+(.*)total\s*$/);
  if (!match) return;
  for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind in totals) totals[kind] += Number(n);
  }
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        out.write(chunk);
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(countJestSummary);
      });
    }
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

// Tests get a broker of their own (port, data) so that they never mix with a running `npm start`.
process.env.KAFKA_PORT ??= '19092';
process.env.KAFKA_CONTROLLER_PORT ??= '19093';
process.env.KAFKA_DATA_DIR ??= join(repoRoot, '.data', 'kafka-test');

try {
  infra = await startInfrastructure({ log: say });
  const env = { ...process.env, NX_DAEMON: 'false', REGISTRY_PG_SERVER_URL: infra.postgresServerUrl, KAFKA_BROKERS: infra.kafkaBrokers };
  const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'test', 'integration'];
  exitCode = await run('npx', ['nx', 'run-many', '-t', ...targets, '--output-style=static'], env);
} catch (error) {
  console.error(`registry-test: ${error.message}`);
} finally {
  await infra?.stop();
}
const seconds = Math.round((Date.now() - started) / 1000);
say(`finished in ${seconds} s: ${exitCode === 0 ? 'all targets passed' : 'FAILURES above'}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode === 0 && totals.failed === 0 ? 0 : 1);
