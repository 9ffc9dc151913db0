import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDataPlatformEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { provisioningApiRef } from './api/ProvisioningApi';
import { ProvisioningClient } from './api/ProvisioningClient';

/** Provides the {@link ProvisioningApi} to the app (`api:data-platform/provisioning`). */
export const provisioningApi = ApiBlueprint.make({
  name: 'provisioning',
  params: defineParams =>
    defineParams({
      api: provisioningApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ProvisioningClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Infrastructure tab of DataEndpoint, EventType and Pipeline pages
 * (`entity-content:data-platform/infrastructure`): each of the three kinds
 * describes resources (a pipeline, its subscriptions).
 */
export const infrastructureEntityContent = EntityContentBlueprint.make({
  name: 'infrastructure',
  params: {
    path: '/infrastructure',
    title: 'Infrastructure',
    filter: isDataPlatformEntity,
    loader: () =>
      import('./components/InfrastructureContent').then(m => (
        <m.InfrastructureContent />
      )),
  },
});

/** Every extension of provisioning, API included, for the plugin's list. */
export const provisioningExtensions = [
  provisioningApi,
  infrastructureEntityContent,
];
