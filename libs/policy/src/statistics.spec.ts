import { createHash } from 'node:crypto';
import { CELL_KEY_RANGE, cellKey, perturbationRow, perturbCount, publishTable, recordKey, type KeyedCell } from './statistics';

const parameters = { minCell: 5, maxNoise: 2 };
const secret = 'statistics-test-secret-of-at-least-32-chars';

/** Every cell key value a test looks at: evenly spread over the key range. */
const keys = Array.from({ length: 2000 }, (_, i) => Math.floor(((i + 0.5) / 2000) * CELL_KEY_RANGE));

const keyedCell = (key: string, ids: string[]): KeyedCell => ({ key, count: ids.length, cellKey: cellKey(ids.map((id) => recordKey(secret, id))) });
let serial = 0;
/** Ids that are the same on every run, so that every figure below is too. */
const fixedId = () => createHash('sha256').update(`record-${(serial += 1)}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
const ids = (n: number) => Array.from({ length: n }, fixedId);

describe('record and cell keys', () => {
  it('gives a record the same key every time, and another key under another secret', () => {
    const id = fixedId();
    expect(recordKey(secret, id)).toBe(recordKey(secret, id));
    expect(recordKey(secret, id.toUpperCase())).toBe(recordKey(secret, id));
    expect(recordKey(`${secret}-other`, id)).not.toBe(recordKey(secret, id));
    expect(recordKey(secret, id)).toBeGreaterThanOrEqual(0);
    expect(recordKey(secret, id)).toBeLessThan(CELL_KEY_RANGE);
  });

  it('adds record keys modulo the key range, whatever the order', () => {
    expect(cellKey([CELL_KEY_RANGE - 1, 3])).toBe(2);
    const recordKeys = ids(50).map((id) => recordKey(secret, id));
    expect(cellKey([...recordKeys].reverse())).toBe(cellKey(recordKeys));
  });
});

describe('the perturbation table', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 12, 100])('keeps every published count of a cell of %i within ±2, and none between 1 and 4', (count) => {
    for (const outcome of perturbationRow(count, parameters)) {
      if (outcome.published === 0) continue;
      expect(outcome.published).toBeGreaterThanOrEqual(5);
      expect(Math.abs(outcome.published - count)).toBeLessThanOrEqual(2);
    }
    for (const key of keys) {
      const published = perturbCount(count, key, parameters);
      expect(published === 0 || (published >= 5 && Math.abs(published - count) <= 2)).toBe(true);
    }
  });

  it.each([3, 4, 5, 6, 7, 20, 1000])('is zero-mean for a cell of %i that can be published at all', (count) => {
    const row = perturbationRow(count, parameters);
    expect(row.reduce((sum, o) => sum + o.probability, 0)).toBeCloseTo(1, 12);
    expect(row.reduce((sum, o) => sum + o.published * o.probability, 0)).toBeCloseTo(count, 12);
  });

  it('always suppresses a cell too small to reach the threshold within the noise', () => {
    expect(perturbationRow(1, parameters)).toEqual([{ published: 0, probability: 1 }]);
    expect(perturbationRow(2, parameters)).toEqual([{ published: 0, probability: 1 }]);
  });

  it('may publish a cell of 4 and may suppress a cell of 5 or 6, so the threshold alone tells nothing', () => {
    expect(perturbationRow(4, parameters).map((o) => o.published)).toEqual([0, 5, 6]);
    expect(perturbationRow(5, parameters).map((o) => o.published)).toEqual([0, 5, 6, 7]);
    expect(perturbationRow(6, parameters).map((o) => o.published)).toEqual([0, 5, 6, 7, 8]);
    expect(perturbationRow(7, parameters).map((o) => o.published)).toEqual([5, 6, 7, 8, 9]);
  });

  it('answers the same cell the same way every time', () => {
    const cell = keyedCell('x', ids(9));
    const first = perturbCount(cell.count, cell.cellKey, parameters);
    for (let i = 0; i < 5; i += 1) expect(perturbCount(cell.count, cell.cellKey, parameters)).toBe(first);
  });

  it('picks outcomes in proportion to their probabilities over the cell keys', () => {
    const row = perturbationRow(4, parameters);
    for (const outcome of row) {
      const share = keys.filter((key) => perturbCount(4, key, parameters) === outcome.published).length / keys.length;
      expect(share).toBeCloseTo(outcome.probability, 2);
    }
  });
});

describe('publishTable', () => {
  it('lists no suppressed cell, only how many there were', () => {
    const cells = [keyedCell('Big KK', ids(40)), keyedCell('Sole Proprietor', ids(1)), keyedCell('Pair KK', ids(2))];
    const table = publishTable(cells, parameters);
    expect(table.cells.map((c) => c.key)).toEqual(['Big KK']);
    expect(table.suppressedCells).toBe(2);
    expect(table).toMatchObject({ threshold: 5, maxNoise: 2 });
    expect(JSON.stringify(table)).not.toMatch(/Sole Proprietor|Pair KK/);
  });

  it('publishes the same total for every dimension of one population, perturbed by the population’s key', () => {
    const people = ids(57);
    const byMonth = [keyedCell('2026-10', people.slice(0, 30)), keyedCell('2026-11', people.slice(30))];
    const byOrganization = [keyedCell('A', people.slice(0, 50)), keyedCell('B', people.slice(50, 54)), keyedCell('C', people.slice(54))];
    const population = cellKey(people.map((id) => recordKey(secret, id)));
    expect(publishTable(byMonth, parameters).total).toBe(perturbCount(57, population, parameters));
    expect(publishTable(byOrganization, parameters).total).toBe(publishTable(byMonth, parameters).total);
  });

  it('leaves the 4→5 differencing attack without a reliable answer', () => {
    // The attacker's reading: a cell hidden before one person joined and shown after held threshold - 1 persons.
    let hiddenThenShown = 0;
    let wronglyInferred = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const count = 3 + (trial % 4); // 3, 4, 5 or 6 persons before
      const before = ids(count);
      const after = [...before, fixedId()];
      const shownBefore = publishTable([keyedCell('X', before)], parameters).cells.length > 0;
      const shownAfter = publishTable([keyedCell('X', after)], parameters).cells.length > 0;
      if (!shownBefore && shownAfter) {
        hiddenThenShown += 1;
        if (count !== 4) wronglyInferred += 1;
      }
    }
    expect(hiddenThenShown).toBeGreaterThan(0);
    expect(wronglyInferred / hiddenThenShown).toBeGreaterThan(0.3);
  });

  it('leaves the cross-dimension total attack without the hidden sum', () => {
    // True total of one dimension minus the published cells of another was the hidden sum; now every figure is noisy.
    let exact = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const people = ids(60);
      const byMonth = [keyedCell('2026-10', people.slice(0, 31)), keyedCell('2026-11', people.slice(31))];
      const byOrganization = [keyedCell('A', people.slice(0, 24)), keyedCell('B', people.slice(24, 56)), keyedCell('Tiny', people.slice(56))];
      const months = publishTable(byMonth, parameters);
      const organizations = publishTable(byOrganization, parameters);
      const hidden = 60 - organizations.cells.reduce((sum, c) => sum + (byOrganization.find((o) => o.key === c.key)?.count ?? 0), 0);
      const fromTotal = organizations.total - organizations.cells.reduce((sum, c) => sum + c.count, 0);
      const fromOtherDimension = months.cells.reduce((sum, c) => sum + c.count, 0) - organizations.cells.reduce((sum, c) => sum + c.count, 0);
      if (fromTotal === hidden && fromOtherDimension === hidden) exact += 1;
    }
    expect(exact / 200).toBeLessThan(0.5);
  });
});
