import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import {
  EventTypeEntity,
  RELATION_EVENT_TYPE_OF,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { relationTargets } from '../../hooks/relationRefs';
import { LinkedEntities } from '../LinkedEntitiesTable';
import { MissingSpecField } from '../MissingSpecField';

/** The data endpoints (topics, tables, buckets) that store an event type's events. */
export function EventTypeEndpointsCard() {
  const { entity } = useEntity<EventTypeEntity>();
  return (
    <EntityInfoCard title="Stored in">
      <LinkedEntities
        refs={relationTargets(entity, RELATION_EVENT_TYPE_OF)}
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
