/**
 * A value read at most once per `ttlMs`: scrapes within the window share the last reading, and concurrent
 * scrapes share the one under way. A failed reading is not kept, so the next scrape tries again.
 */
export class Cached<T> {
  private value: { at: number; promise: Promise<T> } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly read: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (this.value && now - this.value.at < this.ttlMs) return this.value.promise;
    const entry = { at: now, promise: this.read() };
    this.value = entry;
    entry.promise.catch(() => {
      if (this.value === entry) this.value = null;
    });
    return entry.promise;
  }
}
