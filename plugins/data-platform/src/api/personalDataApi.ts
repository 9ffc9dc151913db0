import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EndpointPii,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Which findings to list: an owner's, a page of them. */
export type PiiFindingsQuery = {
  /** A group or user ref; without it, the findings on every endpoint. */
  owner?: string;
  limit?: number;
  offset?: number;
};

/**
 * The browser's view of the personal-data API
 * (`/api/data-platform/pii/...`): the personal data reaching an endpoint's
 * columns along lineage, and the findings where declared marks miss it.
 */
export interface PersonalDataApi {
  /** An endpoint's columns with declared or derived personal data, and its findings. */
  getEndpointPii(endpointRef: string): Promise<EndpointPii>;
  /** Findings on the endpoints an owner owns, a page at a time. */
  getPiiFindings(query?: PiiFindingsQuery): Promise<PiiFindingsPage>;
}

/** Reference to the {@link PersonalDataApi} (extension `api:data-platform/personal-data`). */
export const personalDataApiRef = createApiRef<PersonalDataApi>({
  id: 'plugin.data-platform.personal-data',
});
