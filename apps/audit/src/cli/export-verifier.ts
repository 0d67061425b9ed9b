import { createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalObjectJson, checkpointPayload, GENESIS_HASH, linkHash, signatureValid, type CanonicalValue } from '../chain/chain-hash';

/** A checkpoint as published on the checkpoints topic (or listed by GET /audit/checkpoints, with `id`). */
export interface CheckpointMessage {
  checkpointId?: string;
  id?: string;
  chain: string;
  seq: string;
  hash: string;
  records: string;
  sealedAt: string;
  signature: string;
}

export type VerifyOutcome =
  | { intact: true; chain: string | null; firstSeq: string | null; lastSeq: string | null; records: number; checkpointsChecked: number; checkpointsBeforeExport: number }
  | { intact: false; problem: string };

const HASH = /^[0-9a-f]{64}$/;
const SEQ = /^[1-9][0-9]*$/;

interface ExportLine {
  seq: string;
  prevHash: string;
  hash: string;
  record: Record<string, CanonicalValue>;
}

function parseLine(text: string, number: number): ExportLine | string {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return `line ${number} is not JSON`;
  }
  const candidate = line as Partial<ExportLine> | null;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return `line ${number} is not a JSON object`;
  if (typeof candidate.seq !== 'string' || !SEQ.test(candidate.seq)) return `line ${number} has no valid seq`;
  if (typeof candidate.prevHash !== 'string' || !HASH.test(candidate.prevHash)) return `line ${number} (record ${candidate.seq}) has no valid prevHash`;
  if (typeof candidate.hash !== 'string' || !HASH.test(candidate.hash)) return `line ${number} (record ${candidate.seq}) has no valid hash`;
  if (typeof candidate.record !== 'object' || candidate.record === null || Array.isArray(candidate.record)) return `line ${number} (record ${candidate.seq}) has no record object`;
  return candidate as ExportLine;
}

/** Reads a PEM public key; null unless it is an Ed25519 one. */
export function parsePublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/**
 * Checks a chain export against the signed checkpoints: every record's hash recomputes from its canonical
 * form and its predecessor's hash, the records link without gaps, every checkpoint of the chain carries a valid
 * signature of `publicKey`, and each one's (seq, hash) is the export's record at that seq. Stops at the first problem.
 */
export function verifyExport(exportLines: readonly string[], checkpoints: readonly CheckpointMessage[], publicKey: KeyObject): VerifyOutcome {
  let chain: string | null = null;
  let firstSeq: string | null = null;
  let firstPrevHash: string | null = null;
  let previous: ExportLine | null = null;
  const hashes = new Map<string, string>();
  let number = 0;
  for (const text of exportLines) {
    number += 1;
    if (text.trim() === '') continue;
    const line = parseLine(text, number);
    if (typeof line === 'string') return { intact: false, problem: line };
    const { seq, record } = line;
    if (typeof record['chain'] !== 'string' || record['seq'] !== seq) return { intact: false, problem: `record ${seq} (line ${number}) does not name its chain and seq in its record` };
    chain ??= record['chain'];
    if (record['chain'] !== chain) return { intact: false, problem: `record ${seq} (line ${number}) belongs to chain ${record['chain']}, not ${chain}` };
    if (previous === null) {
      firstSeq = seq;
      firstPrevHash = line.prevHash;
      // A chain whose beginning was purged by retention starts after a checkpoint; its first link is checked against the checkpoints below.
      if (seq === '1' && line.prevHash !== GENESIS_HASH) return { intact: false, problem: `record 1 does not link to the beginning of the chain` };
    } else {
      if (BigInt(seq) !== BigInt(previous.seq) + 1n) {
        return { intact: false, problem: `record ${seq} (line ${number}) follows record ${previous.seq}: records are missing, inserted or reordered here` };
      }
      if (line.prevHash !== previous.hash) return { intact: false, problem: `record ${seq} (line ${number}) does not link to record ${previous.seq}` };
    }
    const hash = linkHash(line.prevHash, canonicalObjectJson(record));
    if (hash !== line.hash) return { intact: false, problem: `record ${seq} (line ${number}) was altered: its content no longer matches its hash` };
    hashes.set(seq, hash);
    previous = line;
  }
  const lastSeq = previous?.seq ?? null;

  const seen = new Set<string>();
  let checkpointsChecked = 0;
  let checkpointsBeforeExport = 0;
  const ofChain = checkpoints.filter((checkpoint) => chain === null || checkpoint.chain === chain);
  for (const checkpoint of ofChain) {
    const id = checkpoint.checkpointId ?? checkpoint.id ?? '?';
    // The topic may carry a checkpoint twice (delivery is at least once): an identical copy is checked once.
    const identity = JSON.stringify([id, checkpoint.chain, checkpoint.seq, checkpoint.hash, checkpoint.records, checkpoint.sealedAt, checkpoint.signature]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const fields = { chain: String(checkpoint.chain), seq: String(checkpoint.seq), hash: String(checkpoint.hash), records: String(checkpoint.records), sealedAt: String(checkpoint.sealedAt) };
    if (typeof checkpoint.signature !== 'string' || !signatureValid(publicKey, checkpointPayload(fields), checkpoint.signature)) {
      return { intact: false, problem: `checkpoint #${id} (chain ${fields.chain}, seq ${fields.seq}) does not carry a valid signature of the given key` };
    }
    if (lastSeq === null || BigInt(fields.seq) > BigInt(lastSeq)) {
      return { intact: false, problem: `checkpoint #${id} sealed chain ${fields.chain} up to record ${fields.seq}, but the export ends at ${lastSeq ?? 'no record'}: records are missing from its end` };
    }
    if (firstSeq !== null && BigInt(fields.seq) < BigInt(firstSeq)) {
      // Sealed records before the export's first one (removed by retention): the checkpoint just before it anchors the first link.
      if (BigInt(fields.seq) + 1n === BigInt(firstSeq) && fields.hash !== firstPrevHash) {
        return { intact: false, problem: `record ${firstSeq} does not link to record ${fields.seq} as checkpoint #${id} sealed it` };
      }
      checkpointsBeforeExport += 1;
      continue;
    }
    const recorded = hashes.get(fields.seq);
    if (recorded !== fields.hash) return { intact: false, problem: `record ${fields.seq} does not match checkpoint #${id}: the chain was rewritten after it was sealed` };
    checkpointsChecked += 1;
  }
  return { intact: true, chain, firstSeq, lastSeq, records: hashes.size, checkpointsChecked, checkpointsBeforeExport };
}
