import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ColumnLineage,
  FieldConsumersResponse,
  SchemaChangeDecisions,
  LineageCatalogGaps,
  LineageCatalogGapsQuery,
  LineageGraph,
  LineageGraphQuery,
  LineagePath,
  LineageSearchResult,
  RecordedColumns,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The browser's view of the data-platform backend. */
export interface DataPlatformApi {
  /** A lineage neighbourhood around a node. */
  getLineageGraph(query: LineageGraphQuery): Promise<LineageGraph>;
  /** The shortest data-flow path between two nodes (empty when unconnected). */
  getLineagePath(from: string, to: string): Promise<LineagePath>;
  /** Upstream and downstream columns of one column of an endpoint. */
  /** Column lineage of one column, `depth` hops each way (the backend's default is 3). */
  getColumnLineage(
    node: string,
    column: string,
    depth?: number,
  ): Promise<ColumnLineage>;
  /** The columns of a node that column lineage was recorded for. */
  getRecordedColumns(node: string): Promise<RecordedColumns>;
  /** Nodes of the lineage index that no catalog entity backs, most connected first. */
  getCatalogGaps(query?: LineageCatalogGapsQuery): Promise<LineageCatalogGaps>;
  /** Lineage nodes whose name matches a query. */
  searchLineage(query: string, limit?: number): Promise<LineageSearchResult>;
  /**
   * What reads each field of an event type (endpoint and column lineage,
   * nested paths included), and the schema-change gate's policy.
   */
  getFieldConsumers(
    entityRef: string,
    paths: string[],
  ): Promise<FieldConsumersResponse>;
  /** The recorded decisions to ship changes of an event type that break consumers, newest first. */
  getSchemaChangeDecisions(entityRef: string): Promise<SchemaChangeDecisions>;
}

/** Reference to the {@link DataPlatformApi}. */
export const dataPlatformApiRef = createApiRef<DataPlatformApi>({
  id: 'plugin.data-platform.api',
});
