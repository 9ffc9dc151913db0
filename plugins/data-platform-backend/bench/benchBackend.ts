/** The location key (and provider name) of the entities a bench registers. */
export const BENCH_LOCATION_KEY = 'data-platform-bench';

/** Polls `check` every `intervalMs` until it holds (up to `timeoutMinutes`). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMinutes = 60,
  intervalMs = 1000,
): Promise<void> {
  const deadline = Date.now() + timeoutMinutes * 60_000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
