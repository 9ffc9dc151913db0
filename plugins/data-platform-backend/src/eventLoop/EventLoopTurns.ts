import { EventLoopBudget } from './EventLoopBudget';

/**
 * Requests take turns for CPU-bound work (parsing and validating a batch of
 * events): one at a time, in the order they came, each in slices of
 * `sliceMs` with the event loop handed back in between. Eight callers
 * sending 10 MB each then cost other requests one slice per turn of the
 * event loop, not eight, and only one batch's parsed events are alive at a
 * time; the others wait with their bodies as bytes.
 */
export class EventLoopTurns {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly sliceMs = 5) {}

  /** Runs `work` once the work queued before it has finished. */
  run<T>(work: (budget: EventLoopBudget) => Promise<T>): Promise<T> {
    const turn = this.last.then(async () => {
      const budget = new EventLoopBudget(this.sliceMs);
      // Start on a fresh turn of the event loop: the previous work may
      // have ended late in its slice.
      await budget.yield();
      return work(budget);
    });
    this.last = turn.catch(() => undefined);
    return turn;
  }
}
