import { createHmac } from 'node:crypto';

/*
 * Statistics that identify no individual: the cell-key method of statistical disclosure control (the "cell key
 * perturbation" national statistics offices use). Every record has a fixed pseudo-random record key; a cell's key
 * is the sum of its records' keys modulo 1 (here modulo 2^32, as integers, so the sum is exact); a perturbation
 * table turns (true count, cell key) into the published count. The same cell always gets the same answer, so
 * asking again averages nothing away, and one person more or less gives the cell a new, unrelated key, so
 * comparing two answers says little about the person who made the difference.
 */

/** Cell keys are integers in [0, CELL_KEY_RANGE): a cell key of k stands for the fraction k / CELL_KEY_RANGE. */
export const CELL_KEY_RANGE = 2 ** 32;

export interface PerturbationParameters {
  /** No published count lies between 1 and minCell - 1: such cells are published as suppressed. */
  minCell: number;
  /** A published count differs from the true count by at most this much. */
  maxNoise: number;
}

export const DEFAULT_MAX_NOISE = 2;

/** One possible outcome of a cell of a given count: the published count (0 = suppressed) and its probability. */
export interface PerturbationOutcome {
  published: number;
  probability: number;
}

/** The fixed record key of one record: an HMAC of its id under the statistics secret, as an integer cell key. */
export function recordKey(secret: string, recordId: string): number {
  return createHmac('sha256', secret).update(recordId.toLowerCase()).digest().readUInt32BE(0);
}

/** The cell key of a set of records: the sum of their record keys modulo the key range. */
export function cellKey(recordKeys: Iterable<number>): number {
  let sum = 0;
  for (const key of recordKeys) sum = (sum + key) % CELL_KEY_RANGE;
  return sum;
}

/**
 * One row of the perturbation table: what a cell of `count` persons may be published as, with what probability.
 * The noise is triangular over -maxNoise..+maxNoise (zero-mean). A noisy count that falls between 1 and
 * minCell - 1 is rounded to 0 (suppressed) or minCell with probabilities that keep the mean, so a cell near the
 * threshold may be suppressed above it or published from below it. A cell too small to reach minCell within
 * maxNoise is always suppressed.
 */
export function perturbationRow(count: number, { minCell, maxNoise }: PerturbationParameters): PerturbationOutcome[] {
  if (count < minCell - maxNoise) return [{ published: 0, probability: 1 }];
  const weights = new Map<number, number>();
  const add = (published: number, weight: number) => {
    if (weight > 0) weights.set(published, (weights.get(published) ?? 0) + weight);
  };
  let totalWeight = 0;
  for (let noise = -maxNoise; noise <= maxNoise; noise += 1) totalWeight += maxNoise + 1 - Math.abs(noise);
  for (let noise = -maxNoise; noise <= maxNoise; noise += 1) {
    const weight = (maxNoise + 1 - Math.abs(noise)) / totalWeight;
    const noisy = count + noise;
    if (noisy >= minCell) add(noisy, weight);
    else if (noisy <= 0) add(0, weight);
    else {
      add(minCell, (weight * noisy) / minCell);
      add(0, weight * (1 - noisy / minCell));
    }
  }
  return [...weights.entries()].sort(([a], [b]) => a - b).map(([published, probability]) => ({ published, probability }));
}

/** The published count of a cell of `count` persons with cell key `key`; 0 means suppressed. */
export function perturbCount(count: number, key: number, parameters: PerturbationParameters): number {
  const row = perturbationRow(count, parameters);
  const position = key / CELL_KEY_RANGE;
  let cumulative = 0;
  for (const outcome of row) {
    cumulative += outcome.probability;
    if (position < cumulative) return outcome.published;
  }
  return row[row.length - 1]?.published ?? 0;
}

export interface KeyedCell {
  key: string;
  count: number;
  /** The cell key: `cellKey` of the record keys of the persons counted. */
  cellKey: number;
}

export interface PublishedCell {
  key: string;
  count: number;
}

export interface PublishedTable {
  /** Cells published with a perturbed count of at least minCell; suppressed cells are not listed at all. */
  cells: PublishedCell[];
  /** How many cells were suppressed; their keys are not given. */
  suppressedCells: number;
  /** The number of persons in the whole table, perturbed with the table's own cell key; never the true total. */
  total: number;
  threshold: number;
  maxNoise: number;
}

/**
 * Publishes a table of counts by the cell-key method: each cell perturbed by its own key, small ones suppressed
 * without their keys, and the total perturbed by the key of the whole population, so that no unperturbed figure,
 * in this table or across tables of other dimensions, can be subtracted from another to recover a hidden cell.
 */
export function publishTable(cells: readonly KeyedCell[], parameters: PerturbationParameters): PublishedTable {
  const published: PublishedCell[] = [];
  let suppressedCells = 0;
  for (const cell of cells) {
    const count = perturbCount(cell.count, cell.cellKey, parameters);
    if (count === 0) suppressedCells += 1;
    else published.push({ key: cell.key, count });
  }
  const population = cells.reduce((sum, cell) => sum + cell.count, 0);
  const populationKey = cellKey(cells.map((cell) => cell.cellKey));
  return {
    cells: published,
    suppressedCells,
    total: perturbCount(population, populationKey, parameters),
    threshold: parameters.minCell,
    maxNoise: parameters.maxNoise,
  };
}
