import {
  ColumnLineage,
  ConsumersByField,
  consumersByField,
  LineageGraph,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { UnreadableEntities } from '../CatalogReadAccess';
import type { LineageQueries } from '../LineageIndex/LineageQueries';
import { visibleColumns, visibleGraph } from '../LineageIndex/visibleLineage';

/** Readers of an event type's landing endpoints, and theirs: the graph walked. */
const DOWNSTREAM_DEPTH = 2;
/** Hops a column walk follows from a landing endpoint's column. */
const COLUMN_DEPTH = 3;
const MAX_NODES = 2000;

/** Node and column lineage, before or after leaving out what a caller may not read. */
export type EventTypeLineage = {
  graph: LineageGraph;
  columnLineage: ColumnLineage[];
  /** Owners of the nodes column lineage reaches beyond the graph. */
  owners: Record<string, string>;
};

/**
 * What reads each field of an event type (or of a data endpoint, read as
 * its only landing endpoint), from the lineage index: the
 * readers of its landing endpoints (endpoint lineage, declared and
 * observed), and the column lineage OpenLineage recorded on those
 * endpoints' columns, nested paths included. The one source of consumer
 * impact for the schema editor, the scaffolder's gate and the notices.
 */
export class FieldConsumersQuery {
  constructor(private readonly queries: LineageQueries) {}

  /**
   * The event type's downstream lineage, and every column of its landing
   * endpoints that column lineage was recorded for, walked downstream: all
   * of them, so that a reader with column lineage for some columns is known
   * not to read the others.
   */
  async lineage(entityRef: string): Promise<EventTypeLineage> {
    const graph = entityRef.startsWith('dataendpoint:')
      ? await this.endpointGraph(entityRef)
      : await this.queries.graph({
          node: entityRef,
          direction: 'downstream',
          depth: DOWNSTREAM_DEPTH,
          maxNodes: MAX_NODES,
        });
    const landing = graph.nodes.filter(
      n => n.depth === 1 && (n.kind === 'DataEndpoint' || n.kind === 'Dataset'),
    );
    const walks = await Promise.all(
      landing.map(async endpoint => {
        const recorded = await this.queries.recordedColumns(endpoint.id);
        const columns = recorded.columns.filter(c => c.downstream > 0);
        return Promise.all(
          columns.map(c =>
            this.queries.columns({
              node: endpoint.id,
              column: c.column,
              depth: COLUMN_DEPTH,
            }),
          ),
        );
      }),
    );
    const columnLineage = walks.flat();
    // Column walks reach further than the graph: their nodes' owners too,
    // so that the owner of a pipeline three hops down is told.
    const inGraph = new Set(graph.nodes.map(n => n.id));
    const beyond = new Set(
      columnLineage.flatMap(l =>
        (l.nodes ?? []).map(n => n.id).filter(id => !inGraph.has(id)),
      ),
    );
    const owners: Record<string, string> = {};
    for (const id of beyond) {
      const row = await this.queries.resolve(id).catch(() => undefined);
      if (row?.owner) owners[id] = row.owner;
    }
    return { graph, columnLineage, owners };
  }

  /**
   * A data endpoint's readers, as if it were an event type's only landing
   * endpoint: depths count from one, so that the endpoint is the landing
   * one and its readers are one further.
   */
  private async endpointGraph(entityRef: string): Promise<LineageGraph> {
    const graph = await this.queries.graph({
      node: entityRef,
      direction: 'downstream',
      depth: DOWNSTREAM_DEPTH - 1,
      maxNodes: MAX_NODES,
    });
    return {
      ...graph,
      nodes: graph.nodes.map(n => ({ ...n, depth: n.depth + 1 })),
    };
  }

  /**
   * What reads each of `paths`. With `unreadable` (a user's view), the
   * consumers come from the lineage they may read; without it (the
   * scaffolder's gate, as a service), from all of it.
   */
  async consumersOf(
    entityRef: string,
    paths: string[],
    unreadable?: UnreadableEntities,
  ): Promise<ConsumersByField> {
    const lineage = await this.lineage(entityRef);
    if (!unreadable) return consumersByField({ paths, ...lineage });
    const graph = await visibleGraph(lineage.graph, unreadable);
    const shown = new Set(graph.nodes.map(n => n.id));
    const columnLineage = await Promise.all(
      lineage.columnLineage
        .filter(l => shown.has(l.node))
        .map(l => visibleColumns(l, unreadable)),
    );
    return consumersByField({
      paths,
      graph,
      columnLineage,
      owners: lineage.owners,
    });
  }
}
