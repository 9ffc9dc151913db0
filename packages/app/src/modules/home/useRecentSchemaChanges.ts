import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  EVENT_TYPE_KIND,
  EventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { recentSchemaChanges } from './schemaChanges';

/** How many schema changes the home page lists. */
export const SCHEMA_CHANGES_SHOWN = 5;

/**
 * Event types read to find the latest revisions, so a catalog of thousands
 * of event types is not read whole for five lines. (Ordering by the
 * schema-revised-at annotation would leave out every event type without it.)
 */
const EVENT_TYPES_READ = 200;

/** The latest schema revisions among the event types the user may read. */
export function useRecentSchemaChanges() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.queryEntities({
      filter: { kind: EVENT_TYPE_KIND },
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
        'spec.owner',
        'spec.schema',
      ],
      limit: EVENT_TYPES_READ,
    });
    return recentSchemaChanges(
      items as EventTypeEntity[],
      SCHEMA_CHANGES_SHOWN,
    );
  }, [catalogApi]);
}
