// Loaded (node --import) into a service under benchmark: counts the statements the service sends to
// PostgreSQL through `pg`, by their first word. On SIGUSR2 it writes the counts so far to
// BENCH_QUERY_COUNT_FILE, so that a benchmark can take the difference over its measured phase.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  // The same module instance the service loads: resolved from the repository's root.
  const { Client } = createRequire(join(process.cwd(), 'package.json'))('pg');
  const counts = { total: 0 };
  const query = Client.prototype.query;
  Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const word = text.trimStart().split(/\s/, 1)[0].toUpperCase() || 'OTHER';
    counts.total += 1;
    counts[word] = (counts[word] ?? 0) + 1;
    return query.call(this, config, ...rest);
  };
  process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify(counts)));
}
