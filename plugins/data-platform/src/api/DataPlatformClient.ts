import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ColumnLineage,
  LineageCatalogGaps,
  LineageCatalogGapsQuery,
  LineageGraph,
  LineageGraphQuery,
  LineagePath,
  LineageSearchResult,
  RecordedColumns,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { DataPlatformApi } from './DataPlatformApi';

/** {@link DataPlatformApi} over the backend's REST API. */
export class DataPlatformClient implements DataPlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getLineageGraph(query: LineageGraphQuery): Promise<LineageGraph> {
    return this.get('/lineage/graph', {
      node: query.node,
      direction: query.direction,
      depth: query.depth,
      maxNodes: query.maxNodes,
    });
  }

  getLineagePath(from: string, to: string): Promise<LineagePath> {
    return this.get('/lineage/path', { from, to });
  }

  getColumnLineage(
    node: string,
    column: string,
    depth?: number,
  ): Promise<ColumnLineage> {
    return this.get('/lineage/columns', { node, column, depth });
  }

  getRecordedColumns(node: string): Promise<RecordedColumns> {
    return this.get('/lineage/recorded-columns', { node });
  }

  getCatalogGaps(
    query: LineageCatalogGapsQuery = {},
  ): Promise<LineageCatalogGaps> {
    return this.get('/lineage/catalog-gaps', {
      kind: query.kind,
      limit: query.limit,
      offset: query.offset,
    });
  }

  searchLineage(query: string, limit?: number): Promise<LineageSearchResult> {
    return this.get('/lineage/search', { q: query, limit });
  }

  private async get<T>(
    path: string,
    params: Record<string, string | number | undefined>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-platform');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) search.set(key, String(value));
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}?${search}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
