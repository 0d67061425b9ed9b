import { readFileSync } from 'node:fs';
import { parsePublicKey, verifyExport, type CheckpointMessage } from './export-verifier';

const USAGE = `usage: npm run audit:verify -- --export <chain export .jsonl> --checkpoints <checkpoints .jsonl or .json> --public-key <public key .pem>

  --export       GET /audit/chains/{chain}/export: one record per line with its seq, prevHash and hash
  --checkpoints  the messages of the audit.checkpoints.v1 topic, one JSON object per line (or the JSON array of GET /audit/checkpoints)
  --public-key   GET /audit/checkpoints/public-key (Ed25519, SPKI PEM)

Prints INTACT and exits 0, or prints the first problem and exits 1; exits 2 when the input cannot be read.`;

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

function options(argv: readonly string[]): Record<string, string> | string {
  const found: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name || !['--export', '--checkpoints', '--public-key'].includes(name) || value === undefined) return `unknown or incomplete option: ${name ?? ''}`;
    found[name.slice(2)] = value;
  }
  for (const required of ['export', 'checkpoints', 'public-key']) if (!found[required]) return `--${required} is required`;
  return found;
}

/** Reads checkpoint messages: JSON lines (as consumed from the topic) or one JSON array. */
export function parseCheckpoints(text: string): CheckpointMessage[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as CheckpointMessage[];
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as CheckpointMessage;
      } catch {
        throw new Error(`checkpoints line ${i + 1} is not JSON`);
      }
    });
}

/** The command: returns the exit code. */
export function run(argv: readonly string[], output: Output): number {
  const parsed = options(argv);
  if (typeof parsed === 'string') {
    output.err(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  let lines: string[];
  let checkpoints: CheckpointMessage[];
  let pem: string;
  try {
    lines = readFileSync(parsed['export'] as string, 'utf8').split('\n');
    checkpoints = parseCheckpoints(readFileSync(parsed['checkpoints'] as string, 'utf8'));
    pem = readFileSync(parsed['public-key'] as string, 'utf8');
  } catch (error) {
    output.err(`cannot read the input: ${(error as Error).message}\n`);
    return 2;
  }
  const publicKey = parsePublicKey(pem);
  if (!publicKey) {
    output.err('the public key is not an Ed25519 public key in PEM\n');
    return 2;
  }
  const outcome = verifyExport(lines, checkpoints, publicKey);
  if (!outcome.intact) {
    output.out(`BROKEN: ${outcome.problem}\n`);
    return 1;
  }
  const range = outcome.firstSeq === null ? 'no records' : `records ${outcome.firstSeq}..${outcome.lastSeq} (${outcome.records})`;
  output.out(
    `INTACT: chain ${outcome.chain ?? '(empty)'}, ${range}, ${outcome.checkpointsChecked} checkpoint(s) matched` +
      (outcome.checkpointsBeforeExport > 0 ? `, ${outcome.checkpointsBeforeExport} sealing records before the export (purged)` : '') +
      '\n',
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
}
