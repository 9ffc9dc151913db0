import type { Entity } from '@backstage/catalog-model';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import {
  isDataEndpointEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';

function explanation(entity: Entity): string {
  if (isDataEndpointEntity(entity) && entity.spec.type === 'gcs-path') {
    return 'GCS paths are not provisioned: their buckets and paths are neither created nor checked from the catalog.';
  }
  if (isPipelineEntity(entity)) {
    return 'A pipeline gets a Pub/Sub subscription for each topic it reads, unless a delivery stands for it; this one reads none. Its own jobs are deployed by its owners, not from the catalog.';
  }
  return 'The catalog describes no infrastructure for this entity.';
}

/** Why an entity has no resources to show. */
export function NoResources(props: { entity: Entity }) {
  return (
    <EntityInfoCard title="No resources">
      <Text variant="body-medium" as="p">
        {explanation(props.entity)}
      </Text>
    </EntityInfoCard>
  );
}
