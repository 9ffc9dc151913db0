/** `items` in slices of at most `size`. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    batches.push(items.slice(i, i + size));
  }
  return batches;
}

/**
 * How many list calls and metadata queries run at once: a region's
 * INFORMATION_SCHEMA query takes seconds at Google, and one project's
 * answer can be read while the next is computed. Far below the 100 requests
 * per second a method allows.
 */
export const READS_AT_ONCE = 4;

/** Runs `work` on every item, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}

/** Adds `value` to the list under `key`, in place (copying it would be quadratic). */
export function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
