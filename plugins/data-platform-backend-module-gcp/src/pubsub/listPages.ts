import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { addTo, forEachConcurrently, READS_AT_ONCE } from '../calls/inBatches';
import { parseName } from './pubsubNames';
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

/** How to read one kind of Pub/Sub resource: a project's list, page by page, or one by name. */
export type PubSubReads = {
  list: {
    method: string;
    fetchPage: (parent: string, pageToken?: string) => Promise<unknown>;
  };
  get: { method: string; fetch: (name: string) => Promise<unknown> };
};

/**
 * Resources by resource name: a project's few (up to `readsOneByOneUpTo`)
 * with a GET each, fewer calls than paging through its list; its many from
 * the list. Missing ones are absent.
 */
export async function findByName<T extends { name?: string | null }>(
  names: string[],
  reads: PubSubReads,
  options: {
    caller: GoogleApiCaller;
    signal?: AbortSignal;
    readsOneByOneUpTo: number;
  },
): Promise<Map<string, T>> {
  const { caller, signal } = options;
  const byProject = new Map<string, string[]>();
  for (const name of new Set(names)) {
    addTo(byProject, parseName(name).project, name);
  }
  const found = new Map<string, T>();
  const few = [...byProject.values()]
    .filter(wanted => wanted.length <= options.readsOneByOneUpTo)
    .flat();
  const many = [...byProject]
    .filter(([, wanted]) => wanted.length > options.readsOneByOneUpTo)
    .map(([project]) => project);
  await Promise.all([
    forEachConcurrently(few, READS_AT_ONCE, async name => {
      try {
        const [item] = (await caller.call(
          { method: reads.get.method, signal },
          () => reads.get.fetch(name),
        )) as [T];
        found.set(name, item);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }),
    forEachConcurrently(many, READS_AT_ONCE, async project => {
      const items = await listPages<T>(
        caller,
        reads.list.method,
        pageToken =>
          reads.list.fetchPage(`projects/${project}`, pageToken) as any,
        signal,
      );
      for (const item of items) found.set(item.name!, item);
    }),
  ]);
  return found;
}
