// What every benchmark shares: the run's size, timing, percentiles, and the one table of results.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startInfrastructure } from '../tools/infra/infrastructure.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const say = (line) => console.log(`bench: ${line}`);

/** BENCH_SCALE=small runs in a few minutes; full (the default) uses the sizes the goals are stated for. */
export function benchScale() {
  const scale = process.env.BENCH_SCALE ?? 'full';
  if (scale !== 'small' && scale !== 'full') throw new Error(`BENCH_SCALE must be small or full, not ${scale}`);
  return scale;
}

/** The size of one benchmark: a number given on the command line, else the one for the run's scale. */
export function sized(argument, { small, full }) {
  if (argument !== undefined && argument !== null && argument !== '') {
    const n = Number(argument);
    if (!Number.isInteger(n) || n < 1) throw new Error(`the size must be a whole number above 0, not ${argument}`);
    return n;
  }
  return benchScale() === 'small' ? small : full;
}

/** True when the module at `metaUrl` is the script node was started with (the benchmark runs alone). */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(metaUrl));
}

/**
 * Runs one benchmark on its own: the infrastructure up, `benchmark({ infra, size })` with the size from the command
 * line, its table printed (and where its service's CPU profile went, if it made one), the infrastructure down.
 */
export async function runAlone(benchmark, { profiled = 'the CPU profile' } = {}) {
  const infra = await startInfrastructure({ log: say });
  try {
    const { rows, profilePath } = await benchmark({ infra, size: process.argv[2] });
    printTable(rows);
    if (profilePath) say(`${profiled}: ${profilePath} (summarise it with node bench/cpuprofile-summary.mjs ${profilePath})`);
  } finally {
    await infra.stop();
  }
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, count: sorted.length };
}

export const elapsedMs = (started) => Number(process.hrtime.bigint() - started) / 1e6;

/** Runs `work(i)` `count` times one after the other and returns each latency in milliseconds. */
export async function timed(count, work) {
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    const started = process.hrtime.bigint();
    await work(i);
    latencies.push(elapsedMs(started));
  }
  return latencies;
}

const ms = (v) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(v >= 10 ? 1 : 2)} ms`);
const perSecond = (v, unit) => `${Math.round(v)} ${unit}/s`;

/** A throughput figure against its baseline; the goal is a least ratio (figure / baseline). */
export function throughputRow(path, { registry, baseline, unit, atLeast, note }) {
  const ratio = registry / baseline;
  return { path, figure: perSecond(registry, unit), baseline: perSecond(baseline, unit), ratio: `${ratio.toFixed(2)}x`, goal: `>= ${atLeast}x`, met: ratio >= atLeast, note };
}

/** A latency figure (p50/p99) against its baseline; the goal is a greatest p99 ratio and/or a greatest p99. */
export function latencyRow(path, { registry, baseline, atMostRatio, atMostMs, note }) {
  const ratio = registry.p99 / baseline.p99;
  const goals = [];
  let met = true;
  if (atMostRatio !== undefined) {
    goals.push(`p99 <= ${atMostRatio}x`);
    met &&= ratio <= atMostRatio;
  }
  if (atMostMs !== undefined) {
    goals.push(`p99 <= ${atMostMs} ms`);
    met &&= registry.p99 <= atMostMs;
  }
  return {
    path,
    figure: `p50 ${ms(registry.p50)}, p99 ${ms(registry.p99)}`,
    baseline: `p50 ${ms(baseline.p50)}, p99 ${ms(baseline.p99)}`,
    ratio: `${ratio.toFixed(2)}x p99`,
    goal: goals.join(', '),
    met,
    note,
  };
}

/** A row for a benchmark that could not run: the table still shows it, as not met. */
export function failedRow(path, error) {
  return { path, figure: 'failed', baseline: '', ratio: '', goal: '', met: false, note: error.message };
}

export function printTable(rows) {
  const columns = [
    ['path', (r) => r.path],
    ['figure', (r) => r.figure],
    ['baseline (same run)', (r) => r.baseline],
    ['ratio', (r) => r.ratio],
    ['goal', (r) => r.goal],
    ['met', (r) => (r.met ? 'yes' : 'NO')],
  ];
  const widths = columns.map(([title, cell]) => Math.max(title.length, ...rows.map((r) => String(cell(r)).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(line(columns.map(([title]) => title)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map(([, cell]) => cell(r))));
  for (const r of rows.filter((row) => row.note)) console.log(`  ${r.path}: ${r.note}`);
  console.log('');
}
