/*
 * An in-process fake of the Google REST APIs the GCP provisioner calls:
 * BigQuery v2 and Pub/Sub v1 on an HTTP server at 127.0.0.1 (in a worker
 * thread of this process), which the official clients are pointed at. It
 * keeps what is created, answers as the real APIs do, enforces Google's
 * quotas and counts every call by API method.
 */
import { Worker } from 'node:worker_threads';
import type { CallCounts } from './GoogleApiServer';
import type { FakeRequestMessage } from './fakeWorker';

export type { CallCounts } from './GoogleApiServer';

const BOOT = `
require('@backstage/cli/config/nodeTransform.cjs');
require(${JSON.stringify(require.resolve('./fakeWorker.ts'))});
`;

type Request = FakeRequestMessage extends infer M
  ? M extends { kind: infer K }
    ? { kind: K } & Omit<Extract<M, { kind: K }>, 'id' | 'kind'>
    : never
  : never;

export class GoogleApiFake {
  private worker?: Worker;
  private next = 0;
  private readonly waiting = new Map<number, (answer: any) => void>();

  /** Starts the fake; the endpoints to point both clients at. */
  async start(): Promise<{ bigQuery: string; pubSub: string }> {
    this.worker = new Worker(BOOT, { eval: true });
    const port = await new Promise<number>((resolve, reject) => {
      this.worker!.once('error', reject);
      this.worker!.once('message', message => resolve(message.port));
    });
    this.worker.on('message', ({ id, answer }) => {
      this.waiting.get(id)?.(answer);
      this.waiting.delete(id);
    });
    const endpoint = `http://127.0.0.1:${port}`;
    return { bigQuery: endpoint, pubSub: endpoint };
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  /**
   * Reads time from the system clock, or from a virtual clock's shared
   * memory (the one the provisioner's limiter reads), with fresh quota
   * windows.
   */
  useTime(virtualTime?: SharedArrayBuffer): Promise<void> {
    return this.ask({ kind: 'useTime', virtualTime });
  }

  /** The calls counted since the last `takeCounts`, which starts counting anew. */
  takeCounts(): Promise<CallCounts> {
    return this.ask({ kind: 'takeCounts' });
  }

  /** Bytes the INFORMATION_SCHEMA queries billed, and tables held. */
  stats(): Promise<{ billedBytes: number; tables: number }> {
    return this.ask({ kind: 'stats' });
  }

  private ask<T>(request: Request): Promise<T> {
    const id = ++this.next;
    return new Promise(resolve => {
      this.waiting.set(id, resolve);
      this.worker!.postMessage({ id, ...request });
    });
  }
}
