import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { granularityInWords, retentionInWords } from '../../format/granularity';
import { MissingSpecField } from '../MissingSpecField';
import { SpecField, SpecFieldGrid } from '../SpecField';

/** How an event type's events are delivered: partition granularity and retention. */
export function EventTypeDeliveryCard() {
  const { entity } = useEntity<EventTypeEntity>();
  const delivery = entity.spec?.delivery;

  return (
    <EntityInfoCard title="Delivery">
      {!delivery ? (
        <MissingSpecField
          title="No delivery settings declared"
          description="Delivery decides how events are partitioned in the warehouse and how long they are kept."
          yaml={`spec:
  delivery:
    partitioning: HOUR
    retentionDays: 90`}
        />
      ) : (
        <SpecFieldGrid>
          <SpecField
            label="Partitions"
            value={`${granularityInWords(delivery.partitioning)} (${
              delivery.partitioning
            })`}
          />
          <SpecField
            label="Retention"
            value={retentionInWords(delivery.retentionDays) ?? 'not set'}
          />
        </SpecFieldGrid>
      )}
    </EntityInfoCard>
  );
}
