import { suppressSmallCells } from './statistics';

describe('suppressSmallCells', () => {
  const cells = [
    { key: 'BUSINESS_CARD', count: 12 },
    { key: 'WEB_INQUIRY', count: 4 },
    { key: 'EVENT_APPLICATION', count: 5 },
    { key: 'BUSINESS_DISCUSSION', count: 1 },
  ];

  it('suppresses every cell below the threshold and keeps those at or above it', () => {
    expect(suppressSmallCells(cells, 5).cells).toEqual([
      { key: 'BUSINESS_CARD', count: 12 },
      { key: 'WEB_INQUIRY', count: null },
      { key: 'EVENT_APPLICATION', count: 5 },
      { key: 'BUSINESS_DISCUSSION', count: null },
    ]);
  });

  it('gives a total from which no suppressed cell can be recovered', () => {
    const table = suppressSmallCells(cells, 5);
    expect(table.publishedTotal).toBe(17);
    expect(table.suppressedCells).toBe(2);
    const recovered = table.publishedTotal - table.cells.reduce((sum, cell) => sum + (cell.count ?? 0), 0);
    expect(recovered).toBe(0);
  });

  it('suppresses a lone small cell even when it is the only one', () => {
    expect(suppressSmallCells([{ key: 'x', count: 3 }], 5)).toEqual({ cells: [{ key: 'x', count: null }], publishedTotal: 0, suppressedCells: 1, threshold: 5 });
  });
});
