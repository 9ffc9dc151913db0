import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { forEachConcurrently, READS_AT_ONCE } from '../calls/inBatches';
import { isNotFound } from '../calls/googleErrors';

/**
 * Every item of a paged Pub/Sub list call, one page (up to `pageSize`) per
 * request, each through the caller's quota and retries. A project (or
 * schema) that does not exist has none.
 */
export async function listPages<T>(
  caller: GoogleApiCaller,
  method: string,
  fetchPage: (
    pageToken: string | undefined,
  ) => Promise<[T[], { pageToken?: string | null } | null, unknown]>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  const page = (token?: string) =>
    caller.call({ method, signal }, () => fetchPage(token));
  let pageToken: string | undefined;
  do {
    let answer: [T[], { pageToken?: string | null } | null, unknown];
    try {
      answer = await page(pageToken);
    } catch (error) {
      if (isNotFound(error)) return items;
      throw error;
    }
    items.push(...answer[0]);
    pageToken = answer[1]?.pageToken ?? undefined;
  } while (pageToken);
  return items;
}

/** Every resource of the projects' lists, by resource name. */
export async function listByName<T extends { name?: string | null }>(
  projects: string[],
  method: string,
  fetchPage: (parent: string, pageToken?: string) => Promise<unknown>,
  { caller, signal }: { caller: GoogleApiCaller; signal?: AbortSignal },
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  await forEachConcurrently(projects, READS_AT_ONCE, async project => {
    const items = await listPages<T>(
      caller,
      method,
      pageToken => fetchPage(`projects/${project}`, pageToken) as any,
      signal,
    );
    for (const item of items) found.set(item.name!, item);
  });
  return found;
}
