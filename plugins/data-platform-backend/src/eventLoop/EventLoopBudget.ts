import { performance } from 'node:perf_hooks';

/**
 * Long synchronous work in slices: `spent()` says when the current slice is
 * used up, `yield()` lets other callbacks (a readiness probe, a lineage
 * query, the catalog's tasks) run before the next slice starts. A request
 * that parses and validates ten thousand events then holds the event loop
 * for one slice at a time, not for the whole batch.
 *
 * ```ts
 * for (const value of values) {
 *   if (budget.spent()) await budget.yield();
 *   check(value);
 * }
 * ```
 */
export class EventLoopBudget {
  private sliceStart = performance.now();

  /** @param sliceMs - how long one slice of work may hold the event loop */
  constructor(private readonly sliceMs = 5) {}

  /** Whether this slice has run for `sliceMs` or longer. */
  spent(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Resolves after pending I/O callbacks had their turn; starts a new slice. */
  async yield(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }
}

/**
 * Resolves after pending I/O callbacks had their turn: between the
 * statements of a large write, where SQLite's driver runs each statement
 * synchronously.
 */
export function nextTurn(): Promise<void> {
  return new Promise<void>(resolve => setImmediate(resolve));
}
