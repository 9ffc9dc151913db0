/**
 * The layout worker, bundled by webpack/rspack (and esbuild in bench/) from
 * this `new URL(..., import.meta.url)` pattern. Kept in its own module so the
 * Jest tests can replace it: Jest runs CommonJS, where `import.meta` does not
 * exist, and jsdom has no Worker anyway.
 */
export function createLayoutWorker(): Worker {
  return new Worker(new URL('./lineageLayout.worker.ts', import.meta.url), {
    type: 'module',
  });
}
