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

/** What a lineage node is. `Dataset` and `Job` are unregistered OpenLineage nodes. */
export type LineageNodeKind =
  | 'EventType'
  | 'Pipeline'
  | 'DataEndpoint'
  | 'Component'
  | 'Dataset'
  | 'Job';

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

/** Answer of `GET /lineage/columns?node=&column=`. */
export type ColumnLineage = {
  node: string;
  column: string;
  upstream: ColumnLineageEdge[];
  downstream: ColumnLineageEdge[];
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
