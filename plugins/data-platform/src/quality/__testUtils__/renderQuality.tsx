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
import { dataQualityApiRef } from '../../api/qualityApi';
import { DataQualityClient } from '../../api/qualityClient';
import { BASE_URL } from './FakeQualityBackend';

// The first render of a lazily compiled test app takes seconds on a 2-core CI machine.
configure({ asyncUtilTimeout: 10_000 });

/**
 * Renders a quality component in a test app whose quality API is the real
 * client talking HTTP to the fake backend (msw), with entity links
 * routable; inside an EntityProvider when given an entity, as on an
 * entity page.
 */
export function renderQuality(
  element: ReactElement,
  options: { entity?: Entity } = {},
) {
  const client = new DataQualityClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
    fetchApi: mockApis.fetch(),
  });
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [dataQualityApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
