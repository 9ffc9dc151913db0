/*
 * The worker thread the fake Google APIs run in, so that their work (what
 * Google does on its side) does not take the event loop of the
 * provisioner measured. Answers its parent's messages: the time to read
 * (the system clock, or a virtual one in shared memory) and the calls
 * counted.
 */
import { parentPort } from 'node:worker_threads';
import { GoogleApiServer } from './GoogleApiServer';
import type { TimeSource } from './quotas';

/** A message from the benchmark to the fake. */
export type FakeRequestMessage =
  | { id: number; kind: 'useTime'; virtualTime?: SharedArrayBuffer }
  | { id: number; kind: 'takeCounts' }
  | { id: number; kind: 'stats' };

const server = new GoogleApiServer();

function timeOf(shared: SharedArrayBuffer | undefined): TimeSource | undefined {
  if (!shared) return undefined;
  const view = new BigInt64Array(shared);
  return { now: () => Number(Atomics.load(view, 0)) };
}

server.start().then(port => {
  parentPort!.postMessage({ kind: 'listening', port });
  parentPort!.on('message', (message: FakeRequestMessage) => {
    let answer: unknown;
    if (message.kind === 'useTime') {
      server.useTime(timeOf(message.virtualTime));
    } else if (message.kind === 'takeCounts') {
      answer = server.takeCounts();
    } else {
      answer = {
        billedBytes: server.bigQuery.queries.billedBytes,
        tables: server.bigQuery.tableCount(),
      };
    }
    parentPort!.postMessage({ id: message.id, answer });
  });
});
