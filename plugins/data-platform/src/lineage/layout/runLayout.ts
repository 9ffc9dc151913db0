import { layeredLayout } from './layeredLayout';
import type { LayoutRequest, LayoutResult } from './types';

type Pending = {
  resolve(result: LayoutResult): void;
  reject(error: Error): void;
};

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

async function layoutWorker(): Promise<Worker | null> {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') {
    worker = null;
    return worker;
  }
  try {
    const { createLayoutWorker } = await import('./createLayoutWorker');
    const created = createLayoutWorker();
    created.onmessage = (
      event: MessageEvent<{
        id: number;
        result?: LayoutResult;
        error?: string;
      }>,
    ) => {
      const request = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!request) return;
      if (event.data.result) request.resolve(event.data.result);
      else request.reject(new Error(event.data.error ?? 'Layout failed'));
    };
    created.onerror = event => {
      // A worker that cannot start (blocked, bad bundle): lay out in-thread.
      event.preventDefault?.();
      worker = null;
      for (const [id, request] of pending) {
        pending.delete(id);
        request.reject(new Error('Layout worker failed'));
      }
    };
    worker = created;
  } catch {
    worker = null;
  }
  return worker;
}

/**
 * Lays out a lineage graph in a web worker, or in this thread where workers
 * are unavailable (tests, old browsers) or fail.
 */
export async function runLayout(request: LayoutRequest): Promise<LayoutResult> {
  const target = await layoutWorker();
  if (!target) return layeredLayout(request);
  const id = nextId++;
  try {
    return await new Promise<LayoutResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ id, request });
    });
  } catch {
    return layeredLayout(request);
  }
}
