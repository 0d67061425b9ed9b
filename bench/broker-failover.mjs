#!/usr/bin/env node
// A broker failover under load: the failover test (libs/shared/kafka/test/cluster-failover.integration-spec.ts) on a
// three-broker cluster of its own, which kills the leader of a partition with SIGKILL while events flow from an
// outbox through the relay to a consumer group; it proves nothing lost or duplicated, and reports here the longest
// wait for a newly consumed event from the kill on. Baseline: the longest such wait before the kill, in the same run.
// The cluster listens on KAFKA_CLUSTER_TEST_PORT..+2 (30092) and KAFKA_CLUSTER_TEST_CONTROLLER_PORT..+2 (30192).
// Usage: npm run bench:failover [-- <runs>]   (each run a cluster of its own; the table shows the longest stall)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain, runAlone, say, sized } from './bench-kit.mjs';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_MS = 10_000;

/** One run of the failover test against `infra`'s PostgreSQL (its single broker is not used); its report. */
async function runFailoverTest(infra, log) {
  const dir = mkdtempSync(join(tmpdir(), 'broker-failover-'));
  const reportFile = join(dir, 'report.json');
  try {
    const env = {
      ...process.env,
      REGISTRY_PG_SERVER_URL: infra.postgresServerUrl,
      KAFKA_BROKERS: infra.kafkaBrokers,
      KAFKA_CREDENTIALS_FILE: infra.kafkaCredentialsFile,
      FAILOVER_REPORT: reportFile,
      NX_DAEMON: 'false',
    };
    const jest = join(REPO_ROOT, 'node_modules', '.bin', 'jest');
    const args = ['-c', 'libs/shared/kafka/jest.integration.config.cts', 'cluster-failover'];
    const code = await new Promise((resolve, reject) => {
      const child = spawn(jest, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`the failover test failed (exit ${code}): something was lost, duplicated or not consumed`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    log(`  node ${report.victim}${report.victimWasCoordinator ? ' (also the group coordinator)' : ''} killed: stall ${report.stallMs} ms, ${report.stallBeforeKillMs} ms before the kill`);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function brokerFailover({ infra, log = say, size }) {
  const runs = sized(size, { small: 1, full: 3 });
  log(`broker failover: ${runs} run(s), each a three-broker cluster of its own that loses a partition's leader under load`);
  const reports = [];
  for (let run = 1; run <= runs; run += 1) reports.push(await runFailoverTest(infra, log));
  const worst = reports.reduce((a, b) => (b.stallMs > a.stallMs ? b : a));
  const baseline = Math.max(...reports.map((report) => report.stallBeforeKillMs));
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  return {
    rows: [
      {
        path: 'consumption stall, one broker of 3 killed',
        figure: `stall ${seconds(worst.stallMs)}`,
        baseline: `${seconds(baseline)} before the kill`,
        ratio: `${(worst.stallMs / Math.max(baseline, 1)).toFixed(1)}x`,
        goal: `stall <= ${GOAL_MS / 1000} s`,
        met: worst.stallMs <= GOAL_MS,
        note:
          `longest wait for a newly consumed event from the kill on, worst of ${runs} run(s) (${reports.map((report) => seconds(report.stallMs)).join(', ')}); ` +
          `${worst.events} events through the outbox, nothing lost or duplicated; baseline: the longest wait during the same load before the kill`,
      },
    ],
  };
}

if (isMain(import.meta.url)) await runAlone(brokerFailover);
