import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  LineageCatalogGaps,
  LineageEdge,
  LineageGraph,
  LineageJobRun,
  LineageNode,
  LineagePath,
  OnCallRow,
  PipelineStatesRequest,
  RecordedColumn,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { lineageWorld } from './lineageWorld';

/** Where the tests' discovery API puts the data-platform backend. */
export const BASE_URL = 'http://lineage.test';
const API = `${BASE_URL}/api/data-platform/lineage`;

/**
 * A fake lineage API at the HTTP layer, following the contract in -common:
 * breadth-first walks with signed depth, index-wide counts, the node cap and
 * its cutoff marker, shortest paths, column lineage and search. Records every
 * request for assertions.
 */
export class FakeLineageBackend {
  world = lineageWorld();
  columns = new Map<string, ColumnLineage>();
  failWith?: number;
  /** What pipeline health answers for pipelines (POST /health/pipeline-states). */
  pipelineStates: OnCallRow[] = [];
  healthFailsWith?: number;
  /** The pipelines each POST /health/pipeline-states asked for. */
  readonly pipelineStateRequests: string[][] = [];
  /** The backend's own node cap (the real one has a configurable maximum). */
  maxNodesCap = 5000;
  /**
   * Nodes every graph, path and column answer says it left out (the real
   * backend leaves out the catalog entities the user may not read); a path
   * answer then has no path, as when the path ran through them.
   */
  hiddenNodes?: number;
  /** Column edges per side that GET /lineage/columns returns (2,000 in the real one). */
  columnEdgesCap = 2000;
  /** The latest run of jobs, by node id, as catalog gaps show them. */
  jobRuns = new Map<string, LineageJobRun>();
  readonly requests: URL[] = [];

  readonly server = setupServer(
    http.get(`${API}/graph`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      const root = url.searchParams.get('node')!;
      if (!this.world.nodes.some(n => n.id === root)) {
        return this.error(404, `No lineage node ${root}`);
      }
      return HttpResponse.json(
        this.restricted(
          this.walk(
            root,
            (url.searchParams.get('direction') ?? 'both') as
              | 'upstream'
              | 'downstream'
              | 'both',
            Number(url.searchParams.get('depth') ?? 1),
            Math.min(
              this.maxNodesCap,
              Number(url.searchParams.get('maxNodes') ?? 500),
            ),
          ),
        ),
      );
    }),
    http.get(`${API}/path`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      const [from, to] = [
        url.searchParams.get('from')!,
        url.searchParams.get('to')!,
      ];
      return HttpResponse.json(
        this.hiddenNodes
          ? {
              from,
              to,
              path: [],
              nodes: [],
              edges: [],
              hiddenNodes: this.hiddenNodes,
            }
          : this.path(from, to),
      );
    }),
    http.get(`${API}/columns`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      return HttpResponse.json(
        this.restricted(
          this.columnLineage(
            url.searchParams.get('node')!,
            url.searchParams.get('column')!,
            Number(url.searchParams.get('depth') ?? 3),
          ),
        ),
      );
    }),
    http.get(`${API}/recorded-columns`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      const node = url.searchParams.get('node')!;
      if (!this.world.nodes.some(n => n.id === node)) {
        return this.error(404, `No lineage node ${node}`);
      }
      return HttpResponse.json({ node, columns: this.recordedColumns(node) });
    }),
    http.post(
      `${BASE_URL}/api/data-platform/health/pipeline-states`,
      async ({ request }) => {
        this.record(request);
        if (this.healthFailsWith) return this.error(this.healthFailsWith);
        const { pipelines } = (await request.json()) as PipelineStatesRequest;
        this.pipelineStateRequests.push(pipelines);
        return HttpResponse.json({
          rows: this.pipelineStates.filter(r =>
            pipelines.includes(r.pipelineRef),
          ),
        });
      },
    ),
    http.get(`${API}/catalog-gaps`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      return HttpResponse.json(this.catalogGaps(url.searchParams));
    }),
    http.get(`${API}/search`, ({ request }) => {
      const url = this.record(request);
      if (this.failWith) return this.error(this.failWith);
      const q = url.searchParams.get('q')!.toLocaleLowerCase('en-US');
      const nodes = this.world.nodes
        .filter(n => n.title.includes(q) || n.id.includes(q))
        .map(n => this.withCounts(n, 0));
      return HttpResponse.json({ nodes });
    }),
  );

  /** The answer with `hiddenNodes`, when set. */
  private restricted<T extends object>(answer: T): T {
    return this.hiddenNodes
      ? { ...answer, hiddenNodes: this.hiddenNodes }
      : answer;
  }

  /** Unregistered nodes, most connected first, then by title. */
  private catalogGaps(params: URLSearchParams): LineageCatalogGaps {
    const kind = params.get('kind');
    const offset = Number(params.get('offset') ?? 0);
    const limit = Number(params.get('limit') ?? 50);
    const unregistered = this.world.nodes
      .filter(n => !n.registered)
      .map(n => this.withCounts(n, 0));
    const byKind: LineageCatalogGaps['byKind'] = {};
    for (const n of unregistered) byKind[n.kind] = (byKind[n.kind] ?? 0) + 1;
    const gaps = unregistered
      .filter(n => !kind || n.kind === kind)
      .sort(
        (a, b) =>
          b.upstreamCount +
            b.downstreamCount -
            (a.upstreamCount + a.downstreamCount) ||
          a.title.localeCompare(b.title),
      );
    return {
      total: gaps.length,
      byKind,
      nodes: gaps.slice(offset, offset + limit).map(n => {
        const seen = this.world.edges
          .filter(e => e.from === n.id || e.to === n.id)
          .map(e => e.lastSeenAt)
          .filter(Boolean)
          .sort();
        return {
          ...n,
          reason: n.id.startsWith('openlineage:')
            ? 'openlineage-only'
            : 'missing-entity',
          ...(seen.length > 0 ? { lastSeenAt: seen.at(-1) } : {}),
          ...(this.jobRuns.has(n.id)
            ? { lastRun: this.jobRuns.get(n.id) }
            : {}),
        };
      }),
    };
  }

  /** Every column edge in `columns`, once. */
  private columnEdges(): ColumnLineageEdge[] {
    const edges = new Map<string, ColumnLineageEdge>();
    for (const lineage of this.columns.values()) {
      for (const e of [...lineage.upstream, ...lineage.downstream]) {
        edges.set(
          `${e.from.node}#${e.from.column}>${e.to.node}#${e.to.column}`,
          e,
        );
      }
    }
    return [...edges.values()];
  }

  /** Breadth first over the column edges, `depth` hops each way. */
  private columnLineage(
    node: string,
    column: string,
    depth: number,
  ): ColumnLineage {
    const edges = this.columnEdges();
    const walk = (side: 'from' | 'to') => {
      const other = side === 'from' ? 'to' : 'from';
      const found: ColumnLineageEdge[] = [];
      const seen = new Set([`${node}#${column}`]);
      let level = [{ node, column }];
      for (let hop = 1; hop <= depth && level.length > 0; hop++) {
        const next: typeof level = [];
        for (const at of level) {
          for (const e of edges) {
            if (e[side].node !== at.node || e[side].column !== at.column)
              continue;
            found.push(e);
            const k = `${e[other].node}#${e[other].column}`;
            if (!seen.has(k)) {
              seen.add(k);
              next.push(e[other]);
            }
          }
        }
        level = next;
      }
      return found;
    };
    const upstream = walk('to');
    const downstream = walk('from');
    const cap = this.columnEdgesCap;
    const sides = (['upstream', 'downstream'] as const).filter(
      side => (side === 'upstream' ? upstream : downstream).length > cap,
    );
    const ids = new Set([node]);
    for (const e of [...upstream, ...downstream]) {
      ids.add(e.from.node);
      ids.add(e.to.node);
      if (e.via) ids.add(e.via);
    }
    const nodes = this.world.nodes
      .filter(n => ids.has(n.id))
      .map(({ id, kind, title, registered }) => ({
        id,
        kind,
        title,
        registered,
      }));
    return {
      node,
      column,
      upstream: upstream.slice(0, cap),
      downstream: downstream.slice(0, cap),
      nodes,
      ...(sides.length > 0
        ? { cutoff: { reason: 'maxEdges' as const, maxEdges: cap, sides } }
        : {}),
    };
  }

  /** One hop each way, from every column edge in `columns`. */
  private recordedColumns(node: string): RecordedColumn[] {
    const edges = this.columnEdges();
    const byColumn = new Map<string, RecordedColumn>();
    const entry = (column: string) => {
      if (!byColumn.has(column))
        byColumn.set(column, { column, upstream: 0, downstream: 0 });
      return byColumn.get(column)!;
    };
    for (const e of edges) {
      if (e.to.node === node) entry(e.to.column).upstream++;
      if (e.from.node === node) entry(e.from.column).downstream++;
    }
    return [...byColumn.values()].sort((a, b) =>
      a.column.localeCompare(b.column),
    );
  }

  /**
   * A fake for a test file: listening for its tests, and back to the
   * initial world, columns, cap and request log after each.
   */
  static forSuite(): FakeLineageBackend {
    const backend = new FakeLineageBackend();
    beforeAll(() => backend.server.listen({ onUnhandledRequest: 'error' }));
    afterEach(() => {
      backend.server.resetHandlers();
      backend.requests.length = 0;
      backend.failWith = undefined;
      backend.hiddenNodes = undefined;
      backend.maxNodesCap = 5000;
      backend.columnEdgesCap = 2000;
      backend.pipelineStates = [];
      backend.healthFailsWith = undefined;
      backend.pipelineStateRequests.length = 0;
      backend.world = lineageWorld();
      backend.columns.clear();
      backend.jobRuns.clear();
    });
    afterAll(() => backend.server.close());
    return backend;
  }

  requestsTo(path: string) {
    return this.requests.filter(u => u.pathname.endsWith(path));
  }

  private record(request: Request) {
    const url = new URL(request.url);
    this.requests.push(url);
    return url;
  }

  private error(status: number, message = 'Backend failed') {
    return HttpResponse.json(
      {
        error: { name: status === 404 ? 'NotFoundError' : 'Error', message },
        response: { statusCode: status },
      },
      { status },
    );
  }

  private withCounts(
    n: Omit<LineageNode, 'depth' | 'upstreamCount' | 'downstreamCount'>,
    depth: number,
  ): LineageNode {
    return {
      ...n,
      depth,
      upstreamCount: this.world.edges.filter(e => e.to === n.id).length,
      downstreamCount: this.world.edges.filter(e => e.from === n.id).length,
    };
  }

  private walk(
    root: string,
    direction: 'upstream' | 'downstream' | 'both',
    depth: number,
    maxNodes: number,
  ): LineageGraph {
    const byId = new Map(this.world.nodes.map(n => [n.id, n]));
    const depthOf = new Map<string, number>([[root, 0]]);
    const frontier = new Set<string>();
    const visit = (sign: 1 | -1) => {
      let level = [root];
      for (let d = 1; d <= depth; d++) {
        const next: string[] = [];
        for (const id of level) {
          const neighbours = this.world.edges
            .filter(e => (sign === 1 ? e.from === id : e.to === id))
            .map(e => (sign === 1 ? e.to : e.from));
          for (const other of neighbours) {
            if (depthOf.has(other)) continue;
            if (depthOf.size >= maxNodes) {
              frontier.add(id);
              continue;
            }
            depthOf.set(other, sign * d);
            next.push(other);
          }
        }
        level = next;
      }
    };
    if (direction !== 'downstream') visit(-1);
    if (direction !== 'upstream') visit(1);
    const nodes = [...depthOf].map(([id, d]) =>
      this.withCounts(byId.get(id)!, d),
    );
    const edges: LineageEdge[] = this.world.edges.filter(
      e => depthOf.has(e.from) && depthOf.has(e.to),
    );
    return {
      root,
      nodes,
      edges,
      cutoff:
        frontier.size > 0
          ? { reason: 'maxNodes', maxNodes, frontier: [...frontier] }
          : undefined,
    };
  }

  private path(from: string, to: string): LineagePath {
    const previous = new Map<string, string>([[from, '']]);
    const queue = [from];
    while (queue.length > 0 && !previous.has(to)) {
      const id = queue.shift()!;
      for (const e of this.world.edges.filter(x => x.from === id)) {
        if (!previous.has(e.to)) {
          previous.set(e.to, id);
          queue.push(e.to);
        }
      }
    }
    if (!previous.has(to)) return { from, to, path: [], nodes: [], edges: [] };
    const path = [to];
    while (path[0] !== from) path.unshift(previous.get(path[0])!);
    const byId = new Map(this.world.nodes.map(n => [n.id, n]));
    return {
      from,
      to,
      path,
      nodes: path.map((id, i) => this.withCounts(byId.get(id)!, i)),
      edges: path
        .slice(1)
        .map(
          (id, i) =>
            this.world.edges.find(e => e.from === path[i] && e.to === id)!,
        ),
    };
  }
}
