import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * How many entities of each kind the catalog holds that the user may see,
 * by kind in lower case, from one facet query.
 */
export function useKindCounts() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({ facets: ['kind'] });
    return new Map(
      (facets.kind ?? []).map(({ value, count }) => [
        value.toLocaleLowerCase('en-US'),
        count,
      ]),
    );
  }, [catalogApi]);
}
