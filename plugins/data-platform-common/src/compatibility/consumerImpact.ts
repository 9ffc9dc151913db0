import type {
  ColumnLineage,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
} from '../lineage/types';
import type { SchemaChange } from './types';

/** Changes that can break a reader of the field (additions and new descriptions cannot). */
const READER_VISIBLE: SchemaChange['kind'][] = [
  'field-removed',
  'field-renamed',
  'type-changed',
  'mode-changed',
  'pii-changed',
];

/** A downstream reader a schema change may break. */
export interface AffectedConsumer {
  id: string;
  kind: LineageNodeKind;
  title: string;
  owner?: string;
  /**
   * `column`: column lineage shows it reads the field (or a field nested in
   * it, or the record around it); `endpoint`: it reads a landing endpoint of
   * the event type, and no column lineage says which fields.
   */
  evidence: 'column' | 'endpoint';
  /**
   * How it reads the field: the landing endpoint, and for `column` evidence
   * the column lineage recorded there (`context.device.os`, or its parent
   * `context`).
   */
  through: { endpoint: string; endpointTitle: string; column?: string };
  /** For `column` evidence: the columns it derives, as `node#column`. */
  columns?: string[];
}

/** The consumers one changed field may break. */
export interface ChangeImpact {
  change: SchemaChange;
  consumers: AffectedConsumer[];
}

/** What consumers read each field of an event type, by dotted field path. */
export type ConsumersByField = Record<string, AffectedConsumer[]>;

/**
 * The column names lineage may know a field by, most specific first:
 * `context.device.os`, `context.device`, `context`. Column lineage facets
 * often record only the top-level column of a nested field.
 */
export function lineageColumnsFor(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

/**
 * Whether column lineage recorded for `column` reads the field at `path`:
 * the same field, a record around it (`context` for `context.device.os`),
 * or a field nested in it (`context.device.os` for a change to `context`).
 */
export function columnReadsField(column: string, path: string): boolean {
  return (
    column === path ||
    path.startsWith(`${column}.`) ||
    column.startsWith(`${path}.`)
  );
}

const KIND_BY_PREFIX: [string, LineageNodeKind][] = [
  ['pipeline:', 'Pipeline'],
  ['dataendpoint:', 'DataEndpoint'],
  ['eventtype:', 'EventType'],
  ['component:', 'Component'],
  ['openlineage:job:', 'Job'],
  ['openlineage:dataset:', 'Dataset'],
];

type NodeFacts = Pick<LineageNode, 'id' | 'kind' | 'title' | 'owner'>;

function nodeFor(
  id: string,
  nodes: Map<string, NodeFacts>,
  lineage?: ColumnLineage,
): NodeFacts {
  const known = nodes.get(id);
  if (known) return known;
  const named = lineage?.nodes?.find(n => n.id === id);
  if (named) return { id, kind: named.kind, title: named.title };
  const kind =
    KIND_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'Dataset';
  return { id, kind, title: id.replace(/^.*[:/]/, '') };
}

const isJob = (kind: LineageNodeKind) => kind === 'Pipeline' || kind === 'Job';
const isDataset = (kind: LineageNodeKind) =>
  kind === 'DataEndpoint' || kind === 'Dataset';

/** One reader known from column lineage, and what it derives from which column. */
type ColumnReader = {
  reader: string;
  endpoint: string;
  column: string;
  derived: string;
  lineage: ColumnLineage;
};

/**
 * Which downstream consumers read each field of an event type: the one
 * builder of consumer impact, from both endpoint lineage and column lineage.
 *
 * @param options.paths - dotted field paths (`context.device.os`).
 * @param options.graph - the event type's downstream lineage (depth 2 or
 *   more): its landing endpoints at depth 1, their readers at depth 2.
 * @param options.columnLineage - downstream column walks from the landing
 *   endpoints' recorded columns. A reader with column lineage for some
 *   columns of an endpoint is known not to read the others; a reader without
 *   any is listed for every field (`endpoint` evidence).
 */
export function consumersByField(options: {
  paths: string[];
  graph?: LineageGraph;
  columnLineage?: ColumnLineage[];
  /** Owners of nodes beyond the graph (reached by column lineage only), by id. */
  owners?: Record<string, string>;
}): ConsumersByField {
  const graph = options.graph;
  const nodes = new Map<string, NodeFacts>(
    (graph?.nodes ?? []).map(n => [n.id, n]),
  );
  const ownerOf = (id: string, node: NodeFacts) =>
    node.owner ?? options.owners?.[id];
  const landing = (graph?.nodes ?? []).filter(
    n => n.depth === 1 && isDataset(n.kind),
  );
  const landingIds = new Set(landing.map(n => n.id));
  const edges = graph?.edges ?? [];
  // The event type's own delivery (topic -> raw table) writes only its
  // landing endpoints: provisioning regenerates it with the schema, so it is
  // no consumer that breaks.
  const isDelivery = (job: string) => {
    const outputs = edges.filter(e => e.from === job).map(e => e.to);
    return outputs.length > 0 && outputs.every(o => landingIds.has(o));
  };
  const directReaders = edges
    .filter(
      e =>
        landingIds.has(e.from) &&
        isJob(nodeFor(e.to, nodes).kind) &&
        !isDelivery(e.to),
    )
    .map(e => ({ reader: e.to, endpoint: e.from }));

  // The job that reads `from` and writes `to`, when the edge does not say.
  const readersOfEdge = (from: string, to: string, via?: string) => {
    if (via) return [via];
    const writers = edges
      .filter(
        e => e.to === to && edges.some(r => r.from === from && r.to === e.from),
      )
      .map(e => e.from);
    return writers.length > 0 ? writers : [to];
  };
  const columnReaders: ColumnReader[] = [];
  const readersWithColumnLineage = new Set<string>();
  for (const lineage of options.columnLineage ?? []) {
    for (const edge of lineage.downstream) {
      const readers = [
        ...readersOfEdge(edge.from.node, edge.to.node, edge.via),
        edge.to.node,
      ];
      for (const reader of readers) {
        readersWithColumnLineage.add(reader);
        columnReaders.push({
          reader,
          endpoint: lineage.node,
          column: lineage.column,
          derived: `${edge.to.node}#${edge.to.column}`,
          lineage,
        });
      }
    }
  }

  const title = (id: string) => nodeFor(id, nodes).title;
  const result: ConsumersByField = {};
  for (const path of new Set(options.paths)) {
    const consumers = new Map<string, AffectedConsumer>();
    for (const read of columnReaders) {
      if (!columnReadsField(read.column, path)) continue;
      const node = nodeFor(read.reader, nodes, read.lineage);
      const owner = ownerOf(read.reader, node);
      const existing = consumers.get(read.reader);
      consumers.set(read.reader, {
        id: read.reader,
        kind: node.kind,
        title: node.title,
        ...(owner ? { owner } : {}),
        evidence: 'column',
        through: existing?.through ?? {
          endpoint: read.endpoint,
          endpointTitle: title(read.endpoint),
          column: read.column,
        },
        columns: [...new Set([...(existing?.columns ?? []), read.derived])],
      });
    }
    for (const { reader, endpoint } of directReaders) {
      if (consumers.has(reader) || readersWithColumnLineage.has(reader)) {
        continue;
      }
      const node = nodeFor(reader, nodes);
      consumers.set(reader, {
        id: reader,
        kind: node.kind,
        title: node.title,
        ...(node.owner ? { owner: node.owner } : {}),
        evidence: 'endpoint',
        through: { endpoint, endpointTitle: title(endpoint) },
      });
    }
    result[path] = [...consumers.values()];
  }
  return result;
}

/**
 * The consumers each reader-visible change may break, from what reads each
 * field (see {@link consumersByField}): a rename breaks the readers of its
 * old path.
 */
export function consumerImpact(options: {
  changes: SchemaChange[];
  consumers: ConsumersByField;
}): ChangeImpact[] {
  return options.changes
    .filter(change => READER_VISIBLE.includes(change.kind))
    .map(change => {
      const found = new Map<string, AffectedConsumer>();
      for (const path of [change.fromPath, change.path]) {
        for (const consumer of path ? options.consumers[path] ?? [] : []) {
          if (!found.has(consumer.id)) found.set(consumer.id, consumer);
        }
      }
      return { change, consumers: [...found.values()] };
    });
}

/**
 * How a consumer reads a field, in words: `track_played#context.device.os ->
 * plays_hourly#platform` from column lineage, `track_played (all of it: no
 * column lineage says which fields)` from endpoint lineage.
 */
export function describeConsumerPath(consumer: AffectedConsumer): string {
  const { through } = consumer;
  if (consumer.evidence === 'endpoint' || !through.column) {
    return `${through.endpointTitle} (all of it: no column lineage says which fields)`;
  }
  const derived = (consumer.columns ?? []).map(c =>
    c.replace(/^.*[:/]([^#/]*)#/, '$1#'),
  );
  return `${through.endpointTitle}#${through.column}${
    derived.length > 0 ? ` -> ${derived.join(', ')}` : ''
  }`;
}
