import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Query parameters of a request; those left undefined are not sent. */
export type BackendQuery = Record<string, string | number | undefined>;

/**
 * The data-platform backend (`/api/data-platform`) as the browser's clients
 * reach it: JSON in and out, and an answer that is not ok thrown as a
 * ResponseError (whose status the pages read, a 404 as "no lineage yet").
 */
export class DataPlatformBackend {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  get<T>(path: string, query: BackendQuery = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) search.set(key, String(value));
    }
    const queryString = search.toString();
    return this.request(queryString ? `${path}?${queryString}` : path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(pathAndQuery: string, init?: RequestInit) {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-platform');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${pathAndQuery}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
