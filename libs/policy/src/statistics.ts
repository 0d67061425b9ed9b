export interface CountCell {
  key: string;
  count: number;
}

export interface PublishedCell {
  key: string;
  /** Null when the cell is suppressed. */
  count: number | null;
}

export interface PublishedTable {
  cells: PublishedCell[];
  /** The sum of the published cells only, so that no suppressed cell can be recovered by subtraction. */
  publishedTotal: number;
  suppressedCells: number;
  threshold: number;
}

/**
 * Statistics that identify no individual: every cell counting fewer than `threshold` persons is suppressed,
 * and the total given is that of the published cells, never the true total.
 */
export function suppressSmallCells(cells: CountCell[], threshold: number): PublishedTable {
  const published = cells.map(({ key, count }) => ({ key, count: count < threshold ? null : count }));
  return {
    cells: published,
    publishedTotal: published.reduce((sum, cell) => sum + (cell.count ?? 0), 0),
    suppressedCells: published.filter((cell) => cell.count === null).length,
    threshold,
  };
}
