import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  EndpointPii,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DataPlatformBackend } from './DataPlatformBackend';
import type { PersonalDataApi, PiiFindingsQuery } from './personalDataApi';

/** {@link PersonalDataApi} over the data-platform backend's REST API. */
export class PersonalDataClient implements PersonalDataApi {
  private readonly backend: DataPlatformBackend;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new DataPlatformBackend(options);
  }

  getEndpointPii(endpointRef: string): Promise<EndpointPii> {
    return this.backend.get('/pii/endpoint', { ref: endpointRef });
  }

  getPiiFindings(query: PiiFindingsQuery = {}): Promise<PiiFindingsPage> {
    return this.backend.get('/pii/findings', {
      owner: query.owner,
      limit: query.limit,
      offset: query.offset,
    });
  }
}
