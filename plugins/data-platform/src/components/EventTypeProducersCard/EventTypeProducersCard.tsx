import { useMemo } from 'react';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { specEntityRefs } from '../../format/entityRefs';
import { useCatalogEntities } from '../../hooks/useCatalogEntities';
import { LinkedEntitiesTable } from '../LinkedEntitiesTable';
import { MissingSpecField } from '../MissingSpecField';

/** The components that emit an event type's events, as declared in `spec.producers`. */
export function EventTypeProducersCard() {
  const { entity } = useEntity<EventTypeEntity>();
  const refs = useMemo(
    () =>
      specEntityRefs(entity.spec?.producers, {
        defaultKind: 'component',
        referrer: entity,
      }),
    [entity],
  );
  const { items, loading, error } = useCatalogEntities(refs);

  return (
    <EntityInfoCard title="Producers">
      <LinkedEntitiesTable
        items={items}
        loading={loading}
        error={error}
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
