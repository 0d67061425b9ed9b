import { generateKeyPairSync, sign } from 'node:crypto';
import { checkpointPayload, GENESIS_HASH } from '../chain/chain-hash';
import { canonicalRecord, CHAINS, chainHash, toChainRecord } from '../chain/chains';
import { verifyExport, type CheckpointMessage } from './export-verifier';

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

/** An export of the accesses chain as the service writes it (hashes by chains.ts), and checkpoints at some seqs. */
function chainExport(length: number, sealAt: number[], privateKey = keys.privateKey): { lines: string[]; checkpoints: CheckpointMessage[] } {
  const lines: string[] = [];
  const checkpoints: CheckpointMessage[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const record = toChainRecord(CHAINS.accesses, {
      seq,
      event_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      access_id: `10000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      company_code: 'GROUP-A',
      requested_by: 'user-a',
      operation: 'READ',
      purpose: 'SALES',
      contact_ids: ['20000000-0000-4000-8000-000000000001'],
      persons_aggregated: seq % 2 === 0 ? 3 : null,
      outcome: 'GRANTED',
      reason: null,
      accessed_at: new Date(Date.UTC(2026, 0, 1, 0, seq)),
      notice_version: '2026-01',
      recorded_at: new Date(Date.UTC(2026, 0, 1, 0, seq, 1)),
    });
    const hash = chainHash('accesses', previous, record);
    lines.push(JSON.stringify({ seq: String(seq), prevHash: previous, hash, record: canonicalRecord('accesses', record) }));
    if (sealAt.includes(seq)) {
      const fields = { chain: 'accesses', seq: String(seq), hash, records: String(seq), sealedAt: new Date(Date.UTC(2026, 0, 2, 0, seq)).toISOString() };
      checkpoints.push({ checkpointId: String(checkpoints.length + 1), ...fields, signature: sign(null, Buffer.from(checkpointPayload(fields)), privateKey).toString('base64') });
    }
    previous = hash;
  }
  return { lines, checkpoints };
}

const verify = (lines: string[], checkpoints: CheckpointMessage[]) => verifyExport(lines, checkpoints, keys.publicKey);

describe('verifyExport', () => {
  it('finds an intact export intact, every checkpoint matched', () => {
    const { lines, checkpoints } = chainExport(6, [3, 6]);
    expect(verify(lines, checkpoints)).toEqual({ intact: true, chain: 'accesses', firstSeq: '1', lastSeq: '6', records: 6, checkpointsChecked: 2, checkpointsBeforeExport: 0 });
  });

  it('finds an edited line', () => {
    const { lines, checkpoints } = chainExport(6, [6]);
    lines[2] = (lines[2] as string).replace('"SALES"', '"MARKETING"');
    expect(verify(lines, checkpoints)).toEqual({ intact: false, problem: expect.stringMatching(/record 3 \(line 3\) was altered/) });
  });

  it('finds an edited line whose hash was recomputed, by the next link', () => {
    const { lines, checkpoints } = chainExport(6, [6]);
    const line = JSON.parse(lines[2] as string);
    line.record.purpose = 'MARKETING';
    const record = { ...line.record };
    line.hash = chainHash('accesses', line.prevHash, record);
    lines[2] = JSON.stringify(line);
    expect(verify(lines, checkpoints)).toEqual({ intact: false, problem: 'record 4 (line 4) does not link to record 3' });
  });

  it('finds a removed line', () => {
    const { lines, checkpoints } = chainExport(6, [6]);
    lines.splice(3, 1);
    expect(verify(lines, checkpoints)).toEqual({ intact: false, problem: expect.stringMatching(/record 5 \(line 4\) follows record 3: records are missing/) });
  });

  it('finds lines removed from the end by the checkpoint that sealed them', () => {
    const { lines, checkpoints } = chainExport(6, [3, 6]);
    expect(verify(lines.slice(0, 4), checkpoints)).toEqual({ intact: false, problem: expect.stringMatching(/checkpoint #2 sealed chain accesses up to record 6, but the export ends at 4/) });
  });

  it('finds a forged checkpoint: signed by another key, or altered after signing', () => {
    const { lines, checkpoints } = chainExport(6, [3, 6]);
    const forged = chainExport(6, [6], otherKeys.privateKey).checkpoints;
    expect(verify(lines, [...checkpoints, { ...(forged[0] as CheckpointMessage), checkpointId: '9' }])).toEqual({
      intact: false,
      problem: 'checkpoint #9 (chain accesses, seq 6) does not carry a valid signature of the given key',
    });
    // Altered after signing, under the id of a genuine checkpoint that is also given.
    const altered = { ...(checkpoints[0] as CheckpointMessage), seq: '2', hash: JSON.parse(lines[1] as string).hash };
    expect(verify(lines, [...checkpoints, altered])).toEqual({ intact: false, problem: expect.stringMatching(/checkpoint #1 \(chain accesses, seq 2\) does not carry a valid signature/) });
    // The same checkpoint delivered twice is no problem.
    expect(verify(lines, [...checkpoints, ...checkpoints])).toEqual(expect.objectContaining({ intact: true, checkpointsChecked: 2 }));
  });

  it('finds a rewritten chain whose hashes were all recomputed, by the checkpoint', () => {
    const { lines, checkpoints } = chainExport(6, [6]);
    const rewritten = lines.slice(0, 5);
    let previous = JSON.parse(rewritten[4] as string).hash as string;
    const last = JSON.parse(lines[5] as string);
    last.record.purpose = 'MARKETING';
    last.prevHash = previous;
    last.hash = chainHash('accesses', previous, last.record);
    previous = last.hash;
    rewritten.push(JSON.stringify(last));
    expect(verify(rewritten, checkpoints)).toEqual({ intact: false, problem: 'record 6 does not match checkpoint #1: the chain was rewritten after it was sealed' });
  });

  it('accepts an export whose beginning retention purged, anchored by the checkpoint before it', () => {
    const { lines, checkpoints } = chainExport(6, [3, 6]);
    expect(verify(lines.slice(3), checkpoints)).toEqual(expect.objectContaining({ intact: true, firstSeq: '4', checkpointsChecked: 1, checkpointsBeforeExport: 1 }));
    const other = chainExport(6, [2, 6]).checkpoints;
    expect(verify(lines.slice(2), [other[0] as CheckpointMessage])).toEqual(expect.objectContaining({ intact: true }));
  });

  it('refuses a line that is not a record', () => {
    const { lines, checkpoints } = chainExport(3, []);
    expect(verify([...lines.slice(0, 2), '{"seq":"3"}'], checkpoints)).toEqual({ intact: false, problem: 'line 3 (record 3) has no valid prevHash' });
    expect(verify(['not json'], checkpoints)).toEqual({ intact: false, problem: 'line 1 is not JSON' });
  });
});
