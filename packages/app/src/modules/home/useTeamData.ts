import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DATA_ENDPOINT_KIND,
  EVENT_TYPE_KIND,
} from '@dataplatform/backstage-plugin-data-platform-common';
import useAsync from 'react-use/esm/useAsync';

/** At most this many of the teams' event types and endpoints are listed. */
export const TEAM_DATA_SHOWN = 8;

/**
 * The event types and data endpoints the given owners own (event types
 * first, then by name), and how many of each there are.
 */
export function useTeamData(owners: string[] | undefined) {
  const catalogApi = useApi(catalogApiRef);
  const key = owners?.join(',');
  return useAsync(async () => {
    if (!owners?.length) return undefined;
    const filter = {
      kind: [EVENT_TYPE_KIND, DATA_ENDPOINT_KIND],
      'relations.ownedBy': owners,
    };
    const [listed, facets] = await Promise.all([
      catalogApi.queryEntities({
        filter,
        fields: [
          'apiVersion',
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.type',
          'spec.delivery',
          'spec.engine',
          'spec.schedule',
        ],
        orderFields: [
          { field: 'kind', order: 'desc' },
          { field: 'metadata.name', order: 'asc' },
        ],
        limit: TEAM_DATA_SHOWN,
      }),
      catalogApi.getEntityFacets({ filter, facets: ['kind'] }),
    ]);
    const count = (kind: string) =>
      facets.facets.kind?.find(
        f =>
          f.value.toLocaleLowerCase('en-US') ===
          kind.toLocaleLowerCase('en-US'),
      )?.count ?? 0;
    return {
      entities: listed.items,
      eventTypes: count(EVENT_TYPE_KIND),
      endpoints: count(DATA_ENDPOINT_KIND),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
}
