/**
 * Writes a sweep makes but does not read back before it ends, sent one after
 * another while the sweep goes on judging: the database writes on its own
 * core while Node computes on its. Writes run in the order they were added,
 * each only once those before it succeeded (runs are taken off the change
 * queue only after their partitions were written); the first failure fails
 * `flush()` and skips the writes after it, which the next sweep redoes,
 * since a sweep is idempotent. A read of what a queued write changes must
 * `flush()` first.
 */
export class WriteBehind {
  private chain: Promise<void> = Promise.resolve();

  add(write: () => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      await write();
    });
    // Handled at `flush()`; until then a failure is not unhandled.
    this.chain.catch(() => {});
  }

  /** Waits for every write added so far; rejects with the first failure. */
  flush(): Promise<void> {
    return this.chain;
  }
}
