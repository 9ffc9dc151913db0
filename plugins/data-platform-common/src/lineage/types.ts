/**
 * Request and response shapes of the lineage API
 * (`/api/data-platform/lineage/...`).
 *
 * Edges point the way data flows: Component -> EventType -> DataEndpoint ->
 * Pipeline -> DataEndpoint -> ... A node id is the entity ref of a catalog
 * entity (`dataendpoint:default/plays-hourly`), or, for a dataset or job only
 * seen in OpenLineage events, `openlineage:dataset:<namespace>/<name>` /
 * `openlineage:job:<namespace>/<name>`.
 */

import type { RunState } from '../health/types';

/** What a lineage node can be. `Dataset` and `Job` are unregistered OpenLineage nodes. */
export const LINEAGE_NODE_KINDS = [
  'EventType',
  'Pipeline',
  'DataEndpoint',
  'Component',
  'Dataset',
  'Job',
] as const;

/** What a lineage node is. */
export type LineageNodeKind = (typeof LINEAGE_NODE_KINDS)[number];

/** Where an edge is known from. */
export type LineageEdgeSource = 'declared' | 'observed' | 'both';

/** Which way to walk from a node. */
export type LineageDirection = 'upstream' | 'downstream' | 'both';

/** One node of a lineage graph. */
export type LineageNode = {
  id: string;
  kind: LineageNodeKind;
  /** Display name: the entity's title or name, or the OpenLineage name. */
  title: string;
  /** False for datasets and jobs seen only in OpenLineage events. */
  registered: boolean;
  /** Entity ref of the owner, for registered nodes. */
  owner?: string;
  /** The OpenLineage identity, when known. */
  openLineage?: { namespace: string; name: string };
  /** Signed hops from the root: negative upstream, positive downstream. */
  depth: number;
  /** Edges into this node in the whole index (not only in this response). */
  upstreamCount: number;
  /** Edges out of this node in the whole index. */
  downstreamCount: number;
};

/** One edge of a lineage graph, pointing the way data flows. */
export type LineageEdge = {
  from: string;
  to: string;
  source: LineageEdgeSource;
  /** When an OpenLineage event last showed this edge (ISO 8601). */
  lastSeenAt?: string;
};

/** Answer of `GET /lineage/graph`. */
export type LineageGraph = {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /**
   * Set when the walk stopped at `maxNodes` before reaching `depth`: nodes
   * listed in `frontier` have neighbours that were not returned.
   */
  cutoff?: { reason: 'maxNodes'; maxNodes: number; frontier: string[] };
  /**
   * How many nodes were left out because the caller may not read their
   * catalog entities, or because they connect to the rest only through such
   * nodes. Absent when nothing was left out.
   */
  hiddenNodes?: number;
};

/** Query of `GET /lineage/graph`. */
export type LineageGraphQuery = {
  node: string;
  direction?: LineageDirection;
  /** Hops to walk, 1..10; default 1. */
  depth?: number;
  /** Cap on nodes returned, default 500, at most 5000. */
  maxNodes?: number;
};

/** Answer of `GET /lineage/path?from=&to=`: the shortest path, or none. */
export type LineagePath = {
  from: string;
  to: string;
  /** Node ids from `from` to `to` along data flow; empty when unconnected. */
  path: string[];
  nodes: LineageNode[];
  edges: LineageEdge[];
  /**
   * Set, with no path given, when the shortest path runs through this many
   * nodes whose catalog entities the caller may not read.
   */
  hiddenNodes?: number;
};

/** How a column is derived from another (OpenLineage column-lineage facet). */
export type ColumnTransformation = {
  type: 'DIRECT' | 'INDIRECT';
  subtype?: string;
  description?: string;
  masking?: boolean;
};

/** One column-to-column edge. */
export type ColumnLineageEdge = {
  from: { node: string; column: string };
  to: { node: string; column: string };
  transformations: ColumnTransformation[];
  /** The job that did the transformation, when known. */
  via?: string;
};

/** A node that column lineage names, to show it by title. */
export type ColumnLineageNode = Pick<
  LineageNode,
  'id' | 'kind' | 'title' | 'registered'
>;

/**
 * Answer of `GET /lineage/columns?node=&column=&depth=`: the column edges
 * found walking `depth` hops (default 3) up and down from the column.
 */
export type ColumnLineage = {
  node: string;
  column: string;
  upstream: ColumnLineageEdge[];
  downstream: ColumnLineageEdge[];
  /**
   * The nodes the edges and their jobs name, the column's own included.
   * Absent from backends older than this field.
   */
  nodes?: ColumnLineageNode[];
  /**
   * Set when a side's walk stopped at `maxEdges` column edges (default
   * 2,000) before reaching `depth`: there are more on the sides listed.
   */
  cutoff?: {
    reason: 'maxEdges';
    maxEdges: number;
    sides: ('upstream' | 'downstream')[];
  };
  /**
   * How many nodes (and their columns) were left out because the caller may not read their
   * catalog entities, or because they connect to the rest only through such
   * nodes. Absent when nothing was left out.
   */
  hiddenNodes?: number;
};

/** A column of a node that column lineage was recorded for. */
export type RecordedColumn = {
  column: string;
  /** Columns it is derived from, one hop up. */
  upstream: number;
  /** Columns derived from it, one hop down. */
  downstream: number;
};

/** Answer of `GET /lineage/recorded-columns?node=`. */
export type RecordedColumns = {
  node: string;
  columns: RecordedColumn[];
};

/** Answer of `GET /lineage/search?q=`. */
export type LineageSearchResult = { nodes: LineageNode[] };

/**
 * Why no catalog entity backs a node: a dataset or job seen only in
 * OpenLineage events, or an entity ref the catalog does not have (named in
 * catalog YAML, or removed from the catalog while events still show it).
 */
export type LineageCatalogGapReason = 'openlineage-only' | 'missing-entity';

/** The latest run of a job, as OpenLineage run events reported it. */
export type LineageJobRun = {
  runId: string;
  state: RunState;
  /** When its latest event happened (ISO 8601). */
  at: string;
  startedAt?: string;
  endedAt?: string;
  /** Why it failed, as its errorMessage facet says. */
  failureReason?: string;
};

/** A node of the index that no catalog entity backs. */
export type LineageCatalogGap = LineageNode & {
  reason: LineageCatalogGapReason;
  /** When an OpenLineage event last showed one of its edges (ISO 8601). */
  lastSeenAt?: string;
  /**
   * A job's latest run: runs of jobs the catalog does not know are kept, and
   * a Pipeline registered later with the job's OpenLineage identity takes
   * them over.
   */
  lastRun?: LineageJobRun;
};

/**
 * Answer of `GET /lineage/catalog-gaps`: the nodes no catalog entity backs,
 * most connected first, a page at a time.
 */
export type LineageCatalogGaps = {
  /** How many there are in all (of the kind asked for, if one was). */
  total: number;
  /** How many there are of each kind, whatever kind was asked for. */
  byKind: Partial<Record<LineageNodeKind, number>>;
  nodes: LineageCatalogGap[];
};

/** Query of `GET /lineage/catalog-gaps`. */
export type LineageCatalogGapsQuery = {
  kind?: LineageNodeKind;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
};
