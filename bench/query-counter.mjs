// Loaded (node --import) into a service under benchmark: counts the statements the service sends to
// PostgreSQL through `pg`, by their first word, and writes the counts so far to BENCH_QUERY_COUNT_FILE every
// 100 ms, so that a benchmark can take the difference over its measured phase. (No signal: the service
// shuts down on SIGUSR2 as on SIGTERM.)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  // The same module instance the service loads: resolved from the repository's root.
  const { Client } = createRequire(join(process.cwd(), 'package.json'))('pg');
  const counts = { total: 0 };
  let written = -1;
  const query = Client.prototype.query;
  Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const word = text.trimStart().split(/\s/, 1)[0].toUpperCase() || 'OTHER';
    counts.total += 1;
    counts[word] = (counts[word] ?? 0) + 1;
    return query.call(this, config, ...rest);
  };
  setInterval(() => {
    if (counts.total === written) return;
    written = counts.total;
    writeFileSync(file, JSON.stringify(counts));
  }, 100).unref();
}
