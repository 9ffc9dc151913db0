import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { FilterValueWithLabel } from '@backstage/plugin-search-react';
import { useCallback } from 'react';

/** The groups, as owner filter values: full refs, labelled by title. */
export function useOwnerFilterValues(): () => Promise<FilterValueWithLabel[]> {
  const catalogApi = useApi(catalogApiRef);
  return useCallback(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items.map(group => ({
      value: stringifyEntityRef(group),
      label: group.metadata.title ?? group.metadata.name,
    }));
  }, [catalogApi]);
}
