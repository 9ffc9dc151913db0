import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  EndpointQuality,
  QualityChecksQueued,
  QualityScoreSummary,
  VolumeMarkedNormal,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DataPlatformBackend } from './DataPlatformBackend';
import type { DataQualityApi, OwnerQualityScores } from './qualityApi';

/** The most entity refs `POST /quality/scores` takes at once. */
export const SCORES_PER_REQUEST = 1000;

function endpointPath(endpointRef: string): string {
  const { namespace, name } = parseEntityRef(endpointRef, {
    defaultKind: 'dataendpoint',
  });
  return `/quality/endpoints/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** {@link DataQualityApi} over the data-platform backend's REST API. */
export class DataQualityClient implements DataQualityApi {
  private readonly backend: DataPlatformBackend;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.backend = new DataPlatformBackend(options);
  }

  getEndpointQuality(endpointRef: string): Promise<EndpointQuality> {
    return this.backend.get(endpointPath(endpointRef));
  }

  runChecks(
    endpointRef: string,
    partition?: string,
  ): Promise<QualityChecksQueued> {
    return this.backend.post(
      `${endpointPath(endpointRef)}/run`,
      partition ? { partition } : {},
    );
  }

  markVolumeNormal(
    endpointRef: string,
    partition: string,
  ): Promise<VolumeMarkedNormal> {
    return this.backend.post(`${endpointPath(endpointRef)}/mark-normal`, {
      partition,
    });
  }

  async getScores(entityRefs: string[]): Promise<QualityScoreSummary[]> {
    const refs = [...new Set(entityRefs)];
    const batches: string[][] = [];
    for (let i = 0; i < refs.length; i += SCORES_PER_REQUEST) {
      batches.push(refs.slice(i, i + SCORES_PER_REQUEST));
    }
    const answers = await Promise.all(
      batches.map(batch =>
        this.backend.post<{ scores: QualityScoreSummary[] }>(
          '/quality/scores',
          { entityRefs: batch },
        ),
      ),
    );
    return answers.flatMap(answer => answer.scores);
  }

  getOwnerScores(ownerRef: string): Promise<OwnerQualityScores> {
    const { kind, namespace, name } = parseEntityRef(ownerRef, {
      defaultKind: 'group',
    });
    return this.backend.get(
      `/quality/owners/${encodeURIComponent(
        kind.toLocaleLowerCase('en-US'),
      )}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }
}
