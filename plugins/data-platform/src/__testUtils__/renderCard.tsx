import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogEntities } from './fixtures';

type CatalogApi = typeof catalogApiRef.T;

/**
 * Renders an entity card the way the entity page does: inside an
 * EntityProvider, in a test app with entity links routable and a catalog
 * holding the fixtures (or the given catalog API).
 *
 * Synchronous. A card whose catalog lookup has nothing to look up (no refs)
 * updates one microtask after the render, so a test of such a card calls it
 * without `await` and goes straight into a `findBy`/`waitFor`: an `await`
 * here would let that update land outside act().
 */
export function renderCard(
  card: ReactElement,
  entity: Entity,
  options: { catalogApi?: Partial<CatalogApi> } = {},
) {
  const catalogApi =
    options.catalogApi ?? catalogApiMock({ entities: catalogEntities });
  return renderInTestApp(
    <EntityProvider entity={entity}>{card}</EntityProvider>,
    {
      apis: [[catalogApiRef, catalogApi as CatalogApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
