import { ReactElement } from 'react';
import { configure } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { pipelineHealthApiRef } from '../../api/healthApi';
import { PipelineHealthClient } from '../../api/healthClient';
import { lineageExplorerRouteRef } from '../../routes';
import { BASE_URL } from './healthBackend';
import { guestOwnership } from './healthFixtures';

// The first render of a lazily compiled test app takes seconds on a 2-core CI machine.
configure({ asyncUtilTimeout: 10_000 });

/**
 * Renders a health component in a test app whose health API is the real
 * client talking HTTP to the fake backend (msw), signed in as the example's
 * guest, with entity links and the lineage explorer routable; inside an EntityProvider when given an
 * entity, as on an entity page.
 */
export function renderHealth(
  element: ReactElement,
  options: {
    entity?: Entity;
    ownershipEntityRefs?: string[];
    path?: string;
  } = {},
) {
  const discoveryApi = mockApis.discovery({ baseUrl: BASE_URL });
  const fetchApi = mockApis.fetch();
  const client = new PipelineHealthClient({ discoveryApi, fetchApi });
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [pipelineHealthApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: [] })],
        mockApis.identity({
          userEntityRef: 'user:development/guest',
          ownershipEntityRefs: options.ownershipEntityRefs ?? guestOwnership,
        }),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-lineage': lineageExplorerRouteRef,
      },
      initialRouteEntries: options.path ? [options.path] : undefined,
    },
  );
}
