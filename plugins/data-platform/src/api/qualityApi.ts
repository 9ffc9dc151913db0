import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EndpointQuality,
  QualityChecksQueued,
  QualityScoreSummary,
  VolumeMarkedNormal,
} from '@dataplatform/backstage-plugin-data-platform-common';

export type { QualityChecksQueued, VolumeMarkedNormal };

/** A group's or user's endpoints with their latest scores, worst first. */
export type OwnerQualityScores = {
  owner: string;
  scores: QualityScoreSummary[];
};

/**
 * The browser's view of the data-quality API
 * (`/api/data-platform/quality/...`): an endpoint's Quality tab, running its
 * checks and teaching its volume band, and scores for lists.
 */
export interface DataQualityApi {
  /** Score, trend, checks by partition, volume band and what the caller may do. */
  getEndpointQuality(endpointRef: string): Promise<EndpointQuality>;
  /**
   * Queues a partition's checks (`partition` is required for a partitioned
   * table). Rejects with a 403 ResponseError unless the caller owns the
   * endpoint or holds `dataplatform.quality.run`.
   */
  runChecks(
    endpointRef: string,
    partition?: string,
  ): Promise<QualityChecksQueued>;
  /** Marks a partition's row count as normal for the volume band; 403 as for runChecks. */
  markVolumeNormal(
    endpointRef: string,
    partition: string,
  ): Promise<VolumeMarkedNormal>;
  /** The latest scores of these endpoints; those without a score are left out. */
  getScores(entityRefs: string[]): Promise<QualityScoreSummary[]>;
  /** The scores of the endpoints a group or user owns, worst first. */
  getOwnerScores(ownerRef: string): Promise<OwnerQualityScores>;
}

/** Reference to the {@link DataQualityApi} (extension `api:data-platform/quality`). */
export const dataQualityApiRef = createApiRef<DataQualityApi>({
  id: 'plugin.data-platform.quality',
});
