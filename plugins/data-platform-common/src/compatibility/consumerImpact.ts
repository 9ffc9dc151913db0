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
   * `column`: column lineage shows it reads the field (or what it became);
   * `endpoint`: it reads a landing endpoint of the event type, and no
   * column lineage says which fields.
   */
  evidence: 'column' | 'endpoint';
  /** For `column` evidence: the columns it derives, as `node#column`. */
  columns?: string[];
}

/** The consumers one changed field may break. */
export interface ChangeImpact {
  change: SchemaChange;
  consumers: AffectedConsumer[];
}

/**
 * The column names lineage may know a field by, most specific first:
 * `context.device.os`, `context.device`, `context`. Column lineage facets
 * often record only the top-level column of a nested field.
 */
export function lineageColumnsFor(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

const KIND_BY_PREFIX: [string, LineageNodeKind][] = [
  ['pipeline:', 'Pipeline'],
  ['dataendpoint:', 'DataEndpoint'],
  ['eventtype:', 'EventType'],
  ['component:', 'Component'],
  ['openlineage:job:', 'Job'],
  ['openlineage:dataset:', 'Dataset'],
];

function nodeFor(id: string, nodes: Map<string, LineageNode>) {
  const known = nodes.get(id);
  if (known) return known;
  const kind =
    KIND_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'Dataset';
  const title = id.replace(/^.*[:/]/, '');
  return { id, kind, title } as Pick<
    LineageNode,
    'id' | 'kind' | 'title' | 'owner'
  >;
}

const isJob = (kind: LineageNodeKind) => kind === 'Pipeline' || kind === 'Job';
const isDataset = (kind: LineageNodeKind) =>
  kind === 'DataEndpoint' || kind === 'Dataset';

/**
 * Which downstream consumers each changed field may break.
 *
 * @param options.graph - the event type's downstream lineage (depth 2 or
 *   more): its landing endpoints at depth 1, their readers at depth 2.
 * @param options.columnLineage - column lineage of the landing endpoints'
 *   columns (ideally every top-level column, so that a reader with column
 *   lineage for other columns only is known not to read the changed one).
 */
export function consumerImpact(options: {
  changes: SchemaChange[];
  graph?: LineageGraph;
  columnLineage?: ColumnLineage[];
}): ChangeImpact[] {
  const graph = options.graph;
  const nodes = new Map((graph?.nodes ?? []).map(n => [n.id, n]));
  const landing = new Set(
    (graph?.nodes ?? [])
      .filter(n => n.depth === 1 && isDataset(n.kind))
      .map(n => n.id),
  );
  const edges = graph?.edges ?? [];
  const directReaders = new Set(
    edges
      .filter(e => landing.has(e.from) && isJob(nodeFor(e.to, nodes).kind))
      .map(e => e.to),
  );

  // Column edges from a landing endpoint, attributed to the job that reads it.
  const readersOfEdge = (from: string, to: string, via?: string) => {
    if (via) return [via];
    const writers = edges
      .filter(
        e => e.to === to && edges.some(r => r.from === from && r.to === e.from),
      )
      .map(e => e.from);
    return writers.length > 0 ? writers : [to];
  };
  const byColumn = new Map<string, Map<string, Set<string>>>();
  const readersWithColumnLineage = new Set<string>();
  for (const lineage of options.columnLineage ?? []) {
    for (const edge of lineage.downstream) {
      const readers = [
        ...readersOfEdge(edge.from.node, edge.to.node, edge.via),
        edge.to.node,
      ];
      for (const reader of readers) {
        readersWithColumnLineage.add(reader);
        const columns = byColumn.get(lineage.column) ?? new Map();
        const derived = columns.get(reader) ?? new Set<string>();
        derived.add(`${edge.to.node}#${edge.to.column}`);
        columns.set(reader, derived);
        byColumn.set(lineage.column, columns);
      }
    }
  }

  return options.changes
    .filter(change => READER_VISIBLE.includes(change.kind))
    .map(change => {
      const consumers = new Map<string, AffectedConsumer>();
      const paths = [change.fromPath, change.path].filter(
        (p): p is string => !!p,
      );
      for (const column of paths.flatMap(lineageColumnsFor)) {
        for (const [reader, derived] of byColumn.get(column) ?? []) {
          const node = nodeFor(reader, nodes);
          const existing = consumers.get(reader);
          consumers.set(reader, {
            id: reader,
            kind: node.kind,
            title: node.title,
            owner: node.owner,
            evidence: 'column',
            columns: [...new Set([...(existing?.columns ?? []), ...derived])],
          });
        }
      }
      for (const reader of directReaders) {
        if (consumers.has(reader) || readersWithColumnLineage.has(reader)) {
          continue;
        }
        const node = nodeFor(reader, nodes);
        consumers.set(reader, {
          id: reader,
          kind: node.kind,
          title: node.title,
          owner: node.owner,
          evidence: 'endpoint',
        });
      }
      return { change, consumers: [...consumers.values()] };
    });
}
