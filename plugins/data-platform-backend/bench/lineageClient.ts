/*
 * The client side of the lineage bench: sends both sides' queries one after
 * another over one kept-alive connection and reports their times. Imported,
 * it runs on the backend's thread; started as a worker thread
 * (`new Worker('run.cjs', { argv: ['lineageClient'] })`), its requests and
 * the whole entities it parses for the catalog-graph side stay off the
 * backend's event loop and out of its heap, as a browser's would.
 */
import { Entity } from '@backstage/catalog-model';
import { Random } from '@dataplatform/data-platform-generator';
import http from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { catalogGraphNeighbourhood } from './catalogGraphWalk';

export type LineageClientJob = {
  base: string;
  authorization: string;
  starts: string[];
  depth: number;
  maxNodes: number;
  order: 'interleaved' | 'series';
  /** A bare Node HTTP server on the backend's thread, no framework. */
  bareUrl: string;
  /**
   * Also time the two parts no API can skip that shows a caller only what
   * the catalog lets them read: the catalog's filtered read of each
   * answer's entities as the caller (by refs, `fields=kind`, what our API
   * sends under a conditional policy), and our API answering one node whose
   * decision it keeps (Backstage's HTTP stack, auth and the policy's
   * decision, no catalog read).
   */
  probeCatalog?: boolean;
};

export type LineageClientResult = {
  /** A bare Node HTTP server's round trip: the floor of any HTTP API here. */
  bare: number[];
  /** Our API answering one node (depth 1, one node allowed): its floor. */
  floor: number[];
  ours: number[];
  theirs: number[];
  /** With probeCatalog: the catalog's filtered read of an answer's refs. */
  catalogRead: number[];
  /** With probeCatalog: one node whose read decision is kept. */
  keptDecision: number[];
  ourNodes: number;
  theirNodes: number;
};

// One kept-alive connection, as a page's requests to one backend reuse one.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request<T>(
  url: string,
  authorization: string,
  body?: unknown,
): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: payload === undefined ? 'GET' : 'POST',
        headers: {
          authorization,
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`${url}: ${res.statusCode} ${text}`));
          } else {
            resolve(JSON.parse(text));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Sends both sides' queries, one after another, and times each. */
export async function runLineageQueries(
  job: LineageClientJob,
): Promise<LineageClientResult> {
  const { base, authorization, depth, maxNodes } = job;
  const byRefs = async (refs: string[]) =>
    // Whole entities, as catalog-graph's entity store asks for them.
    (
      await request<{ items: (Entity | null)[] }>(
        `${base}/api/catalog/entities/by-refs`,
        authorization,
        { entityRefs: refs },
      )
    ).items;

  const graphUrl = (start: string, d: number, max: number) =>
    `${base}/api/data-platform/lineage/graph?node=${encodeURIComponent(
      start,
    )}&direction=both&depth=${d}&maxNodes=${max}`;
  const result: LineageClientResult = {
    bare: [],
    floor: [],
    ours: [],
    theirs: [],
    catalogRead: [],
    keptDecision: [],
    ourNodes: 0,
    theirNodes: 0,
  };
  // Warm-up, not timed: both routes' code compiled, the connection open.
  for (const start of job.starts.slice(0, 30)) {
    await request(graphUrl(start, depth, maxNodes), authorization);
    await catalogGraphNeighbourhood(byRefs, start, depth, maxNodes);
  }
  // The entities of each answer, read before timing.
  const answerRefs = new Map<string, string[]>();
  if (job.probeCatalog) {
    for (const start of job.starts) {
      const graph = await request<{
        nodes: { id: string; registered?: boolean }[];
      }>(graphUrl(start, depth, maxNodes), authorization);
      answerRefs.set(
        start,
        graph.nodes.filter(n => n.registered).map(n => n.id),
      );
    }
    // Past the decision window, so that our API asks as it would have.
    await new Promise(resolve => setTimeout(resolve, 3000));
  }
  const catalogRead = async (start: string) => {
    const t = performance.now();
    await request(`${base}/api/catalog/entities/by-refs`, authorization, {
      entityRefs: answerRefs.get(start),
      fields: ['kind'],
    });
    result.catalogRead.push(performance.now() - t);
  };
  const keptDecision = async (start: string) => {
    // The first request leaves the node's decision kept for the second.
    await request(graphUrl(start, 1, 1), authorization);
    const t = performance.now();
    await request(graphUrl(start, 1, 1), authorization);
    result.keptDecision.push(performance.now() - t);
  };
  const probes = job.probeCatalog ? [catalogRead, keptDecision] : [];
  const bare = async () => {
    const t = performance.now();
    await request(job.bareUrl, authorization);
    result.bare.push(performance.now() - t);
  };
  const floor = async (start: string) => {
    const t = performance.now();
    await request(graphUrl(start, 1, 1), authorization);
    result.floor.push(performance.now() - t);
  };
  const ours = async (start: string) => {
    const t = performance.now();
    const graph = await request<{ nodes: unknown[] }>(
      graphUrl(start, depth, maxNodes),
      authorization,
    );
    result.ours.push(performance.now() - t);
    result.ourNodes += graph.nodes.length;
  };
  const theirs = async (start: string) => {
    const t = performance.now();
    result.theirNodes += await catalogGraphNeighbourhood(
      byRefs,
      start,
      depth,
      maxNodes,
    );
    result.theirs.push(performance.now() - t);
  };
  if (job.order === 'series') {
    // Each side's queries as one series: neither side's garbage and
    // leftover work lands in the other's times, but background work (the
    // lineage sync listing the catalog) may fall in one series only.
    for (const side of [bare, floor, ours, theirs, ...probes]) {
      for (const start of job.starts) await side(start);
    }
  } else {
    // Interleaved: per start node the four run in a shuffled (seeded)
    // order, so all run under the same background work and each follows
    // each other as often: whatever a catalog-graph query leaves behind
    // (its garbage, the catalog's work after responding) falls on the
    // floor's and our queries alike. (A fixed alternation put ours right
    // after catalog-graph half the time and the floor never.)
    const random = new Random(7);
    for (const start of job.starts) {
      for (const side of random.shuffled([
        bare,
        floor,
        ours,
        theirs,
        ...probes,
      ])) {
        await side(start);
      }
    }
  }
  return result;
}

if (!isMainThread) {
  runLineageQueries(workerData as LineageClientJob).then(
    result => parentPort!.postMessage({ result }),
    error => parentPort!.postMessage({ error: String(error?.stack ?? error) }),
  );
}
