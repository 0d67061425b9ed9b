#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, then one table: each path's figure beside its baseline measured in
// the same run, their ratio, the goal and whether it is met. BENCH_SCALE=small for a quick run (a few
// minutes), or `npm run bench -- small`; full (the default) uses the sizes the goals are stated for. A benchmark that fails is shown as
// failed and the others still run.
import { startInfrastructure } from '../tools/infra/infrastructure.mjs';
import { auditIngest } from './audit-ingest.mjs';
import { benchScale, failedRow, printTable, say } from './bench-kit.mjs';
import { brokerFailover } from './broker-failover.mjs';
import { registerToTopic } from './register-to-topic.mjs';
import { registrationThroughput } from './registration-throughput.mjs';
import { readLatency } from './sharing-read-latency.mjs';
import { fanOut } from './sharing-fanout.mjs';
import { searchAndStatistics } from './sharing-search-statistics.mjs';

const BENCHMARKS = [
  ['registration throughput, 8 clients', registrationThroughput],
  ['read with its access record', readLatency],
  ['register -> company topic', registerToTopic],
  ['fan-out to 20 companies', fanOut],
  ['search and statistics', searchAndStatistics],
  // On a three-broker cluster of its own; PostgreSQL from the run's infrastructure.
  ['broker failover under load', brokerFailover],
];

// `npm run bench -- small` is BENCH_SCALE=small.
if (process.argv[2]) process.env.BENCH_SCALE = process.argv[2];
const started = Date.now();
say(`scale: ${benchScale()} (BENCH_SCALE=small|full)`);
const rows = [];
const infra = await startInfrastructure({ log: say });
try {
  for (const [path, benchmark] of BENCHMARKS) {
    say(`--- ${path}`);
    try {
      rows.push(...(await benchmark({ infra, log: say })).rows);
    } catch (error) {
      say(`${path} failed: ${error.stack ?? error.message}`);
      rows.push(failedRow(path, error));
    }
  }
} finally {
  await infra.stop();
}
// The audit benchmark runs on a broker of its own, so it brings up its own infrastructure.
say('--- audit ingest and verification');
try {
  rows.push(...(await auditIngest({ log: say })).rows);
} catch (error) {
  say(`audit ingest failed: ${error.stack ?? error.message}`);
  rows.push(failedRow('audit ingest and verification', error));
}
say(`all benchmarks in ${((Date.now() - started) / 60_000).toFixed(1)} min (${benchScale()} scale); indicative figures: compare the ratios, not the milliseconds`);
printTable(rows);
