import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
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
import type { DataPlatformApi } from './DataPlatformApi';
import { DataPlatformBackend } from './DataPlatformBackend';

/** {@link DataPlatformApi} over the backend's REST API. */
export class DataPlatformClient implements DataPlatformApi {
  private readonly backend: DataPlatformBackend;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new DataPlatformBackend(options);
  }

  getLineageGraph(query: LineageGraphQuery): Promise<LineageGraph> {
    return this.backend.get('/lineage/graph', {
      node: query.node,
      direction: query.direction,
      depth: query.depth,
      maxNodes: query.maxNodes,
    });
  }

  getLineagePath(from: string, to: string): Promise<LineagePath> {
    return this.backend.get('/lineage/path', { from, to });
  }

  getColumnLineage(
    node: string,
    column: string,
    depth?: number,
  ): Promise<ColumnLineage> {
    return this.backend.get('/lineage/columns', { node, column, depth });
  }

  getRecordedColumns(node: string): Promise<RecordedColumns> {
    return this.backend.get('/lineage/recorded-columns', { node });
  }

  getFieldConsumers(
    entityRef: string,
    paths: string[],
  ): Promise<FieldConsumersResponse> {
    return this.backend.post('/schema-changes/consumers', { entityRef, paths });
  }

  getSchemaChangeDecisions(entityRef: string): Promise<SchemaChangeDecisions> {
    return this.backend.get('/schema-changes/decisions', { entityRef });
  }

  getCatalogGaps(
    query: LineageCatalogGapsQuery = {},
  ): Promise<LineageCatalogGaps> {
    return this.backend.get('/lineage/catalog-gaps', {
      kind: query.kind,
      limit: query.limit,
      offset: query.offset,
    });
  }

  searchLineage(query: string, limit?: number): Promise<LineageSearchResult> {
    return this.backend.get('/lineage/search', { q: query, limit });
  }
}
