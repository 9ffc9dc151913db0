import type { ColumnTransformation } from '@dataplatform/backstage-plugin-data-platform-common';

/** The catalog kinds that become lineage nodes. */
export type CatalogNodeKind =
  | 'EventType'
  | 'Pipeline'
  | 'DataEndpoint'
  | 'Component';

/** An OpenLineage dataset or job identity. */
type OpenLineageIdentity = { namespace: string; name: string };

/** What the index keeps of one catalog entity. */
export type LineageEntityRecord = {
  entityRef: string;
  etag: string;
  kind: CatalogNodeKind;
  title: string;
  owner?: string;
  openLineage?: OpenLineageIdentity;
  /**
   * Edges this entity's YAML declares, as entity refs along data flow. One
   * end of each is this entity.
   */
  declaredEdges: { from: string; to: string }[];
};

/** A dataset or job as an OpenLineage event names it. */
export type ObservedNode = OpenLineageIdentity & { type: 'dataset' | 'job' };

/**
 * Lineage seen in OpenLineage events, to be merged into the index. An edge
 * must appear once per observation.
 */
export type LineageObservation = {
  /** When the events happened (epoch ms); edges keep the latest. */
  seenAt: number;
  /** Nodes to know whether or not an edge names them (jobs). */
  nodes?: ObservedNode[];
  /** `seenAt`: when this edge's own events happened, if not `seenAt`. */
  edges: { from: ObservedNode; to: ObservedNode; seenAt?: number }[];
  columnEdges: {
    from: ObservedNode & { column: string };
    to: ObservedNode & { column: string };
    via?: ObservedNode;
    transformations: ColumnTransformation[];
    seenAt?: number;
  }[];
};

/** A stored node, as the index rows hold it. */
export type NodeRow = {
  id: number;
  kind: string;
  title: string;
  entity_ref: string | null;
  entity_etag: string | null;
  owner: string | null;
  ol_namespace: string | null;
  ol_name: string | null;
};

/** A row of `lineage_column_edges`, as the column walk reads it. */
export type ColumnEdgeRow = {
  from_id: number;
  from_column: string;
  to_id: number;
  to_column: string;
  /** The job that made the edge. */
  via_id: number | null;
  /** JSON of the edge's ColumnTransformation list. */
  transformations: string;
};
