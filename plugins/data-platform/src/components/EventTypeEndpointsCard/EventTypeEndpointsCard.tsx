import { useMemo } from 'react';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import {
  EventTypeEntity,
  RELATION_EVENT_TYPE_OF,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { relationTargets } from '../../hooks/relationRefs';
import { useCatalogEntities } from '../../hooks/useCatalogEntities';
import { LinkedEntitiesTable } from '../LinkedEntitiesTable';
import { MissingSpecField } from '../MissingSpecField';

/** The data endpoints (topics, tables, buckets) that store an event type's events. */
export function EventTypeEndpointsCard() {
  const { entity } = useEntity<EventTypeEntity>();
  const refs = useMemo(
    () => relationTargets(entity, RELATION_EVENT_TYPE_OF),
    [entity],
  );
  const { items, loading, error } = useCatalogEntities(refs);

  return (
    <EntityInfoCard title="Stored in">
      <LinkedEntitiesTable
        items={items}
        loading={loading}
        error={error}
        columns={['type', 'location', 'owner']}
        emptyState={
          <MissingSpecField
            title="No data endpoint stores this event type"
            description="A DataEndpoint whose schema names this event type shows up here."
            yaml={`kind: DataEndpoint
spec:
  schema:
    eventType: eventtype:${entity.metadata.namespace ?? 'default'}/${
              entity.metadata.name
            }`}
          />
        }
      />
    </EntityInfoCard>
  );
}
