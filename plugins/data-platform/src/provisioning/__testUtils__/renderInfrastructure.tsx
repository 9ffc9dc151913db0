import { configure } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { provisioningApiRef } from '../api/ProvisioningApi';
import { ProvisioningClient } from '../api/ProvisioningClient';
import { InfrastructureContent } from '../components/InfrastructureContent';
import { BASE_URL } from './FakeProvisioningBackend';

// The first render of a lazily compiled test app takes seconds on a 2-core CI machine.
configure({ asyncUtilTimeout: 10_000 });

/**
 * Renders the Infrastructure tab of an entity as its page does, in a test
 * app whose provisioning API is the real client talking HTTP to the fake
 * backend (msw), with entity links routable.
 */
export function renderInfrastructure(entity: Entity) {
  const client = new ProvisioningClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
    fetchApi: mockApis.fetch(),
  });
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <InfrastructureContent />
    </EntityProvider>,
    {
      apis: [
        [provisioningApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
