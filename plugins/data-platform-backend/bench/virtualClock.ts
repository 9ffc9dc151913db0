/*
 * Virtual time for applies that would take hours under Google's quotas:
 * the provisioner's clock and the fake Google APIs' quota windows read the
 * same time, which moves only when every worker waits on the clock (for
 * room under a quota, or a backoff). Requests then take no virtual time,
 * so a request arrives at the fake at the very time the provisioner's
 * limiter let it go; the quota rules themselves are the real ones.
 */
import type { Clock } from '@dataplatform/backstage-plugin-data-platform-backend-module-gcp';

type Sleeper = { wakeAt: number; resolve: () => void };

export class VirtualClock implements Clock {
  /** The time, in memory the fake's worker thread reads too. */
  readonly shared = new SharedArrayBuffer(8);
  private readonly view = new BigInt64Array(this.shared);
  private sleepers: Sleeper[] = [];
  private busyWorkers = 0;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  private get time(): number {
    return Number(Atomics.load(this.view, 0));
  }

  private set time(ms: number) {
    Atomics.store(this.view, 0, BigInt(Math.round(ms)));
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise(resolve => {
      this.sleepers.push({ wakeAt: this.time + Math.max(0, ms), resolve });
      this.advanceWhenAllWait();
    });
  }

  /** Runs `work` on every item, `concurrency` workers at a time, in virtual time. */
  async forEach<T>(
    items: T[],
    concurrency: number,
    work: (item: T) => Promise<void>,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      this.busyWorkers++;
      try {
        while (next < items.length) await work(items[next++]);
      } finally {
        this.busyWorkers--;
        this.advanceWhenAllWait();
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, items.length) }, worker),
    );
  }

  /** When every worker sleeps, time moves to the earliest wake-up. */
  private advanceWhenAllWait() {
    if (!this.sleepers.length || this.sleepers.length < this.busyWorkers) {
      return;
    }
    const earliest = Math.min(...this.sleepers.map(s => s.wakeAt));
    this.time = Math.max(this.time, earliest);
    const due = this.sleepers.filter(s => s.wakeAt <= this.time);
    this.sleepers = this.sleepers.filter(s => s.wakeAt > this.time);
    due.forEach(s => s.resolve());
  }
}
