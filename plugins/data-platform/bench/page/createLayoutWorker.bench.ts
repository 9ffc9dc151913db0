/** The bench page serves the layout worker as its own bundle (esbuild does not follow `new URL(..., import.meta.url)`). */
export function createLayoutWorker(): Worker {
  return new Worker('/lineageLayout.worker.js');
}
