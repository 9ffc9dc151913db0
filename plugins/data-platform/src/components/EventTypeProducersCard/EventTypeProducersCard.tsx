import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { specEntityRefs } from '../../format/entityRefs';
import { LinkedEntities } from '../LinkedEntitiesTable';
import { MissingSpecField } from '../MissingSpecField';

/** The components that emit an event type's events, as declared in `spec.producers`. */
export function EventTypeProducersCard() {
  const { entity } = useEntity<EventTypeEntity>();
  return (
    <EntityInfoCard title="Producers">
      <LinkedEntities
        refs={specEntityRefs(entity.spec?.producers, {
          defaultKind: 'component',
          referrer: entity,
        })}
        columns={['type']}
        emptyState={
          <MissingSpecField
            title="No producers declared"
            description="List the components that emit these events, so their owners are asked before the schema changes."
            yaml={`spec:
  producers:
    - component:default/playback-service`}
          />
        }
      />
    </EntityInfoCard>
  );
}
