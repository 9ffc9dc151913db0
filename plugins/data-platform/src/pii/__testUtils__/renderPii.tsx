import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { personalDataApiRef } from '../../api/personalDataApi';
import { catalogEntities } from '../../__testUtils__/fixtures';
import { FakePersonalDataApi } from './FakePersonalDataApi';

/**
 * Renders a card on an entity's page in a test app whose personal-data API
 * is `api` and whose catalog holds the fixtures and `entity`.
 */
export function renderWithPii(
  card: ReactElement,
  entity: Entity,
  api: FakePersonalDataApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{card}</EntityProvider>,
    {
      apis: [
        [
          catalogApiRef,
          catalogApiMock({ entities: [...catalogEntities, entity] }),
        ],
        [personalDataApiRef, api],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
