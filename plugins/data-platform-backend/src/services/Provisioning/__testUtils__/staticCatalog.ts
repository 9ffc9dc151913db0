import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ProvisioningCatalog } from '@dataplatform/backstage-plugin-data-platform-common';
import type { ProvisioningCatalogSource } from '../ProvisioningCatalogReader';

/** A catalog source over a fixed set of entities: readAround gives them all. */
export function staticCatalog(
  catalog: ProvisioningCatalog,
): ProvisioningCatalogSource {
  const refs = new Set(
    [...catalog.endpoints, ...catalog.eventTypes, ...catalog.pipelines].map(e =>
      stringifyEntityRef(e),
    ),
  );
  return {
    readAll: async () => catalog,
    readAround: async ref => (refs.has(ref) ? catalog : undefined),
  };
}
