import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import {
  DataEndpointEntity,
  RELATION_READ_BY,
  RELATION_WRITTEN_BY,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { relationTargets } from '../../hooks/relationRefs';
import { LinkedEntities } from '../LinkedEntitiesTable';

function PipelinesSection(props: {
  heading: string;
  relation: string;
  emptyText: string;
}) {
  const { entity } = useEntity<DataEndpointEntity>();
  return (
    <LinkedEntities
      heading={props.heading}
      refs={relationTargets(entity, props.relation)}
      columns={['type', 'owner']}
      emptyState={
        <Text as="p" variant="body-small" color="secondary">
          {props.emptyText}
        </Text>
      }
    />
  );
}

/** The pipelines writing and reading a data endpoint: its declared lineage one hop away. */
export function DataEndpointPipelinesCard() {
  return (
    <EntityInfoCard title="Pipelines">
      <Flex direction="column" gap="5">
        <PipelinesSection
          heading="Written by"
          relation={RELATION_WRITTEN_BY}
          emptyText="No pipeline declares this endpoint in its spec.outputs."
        />
        <PipelinesSection
          heading="Read by"
          relation={RELATION_READ_BY}
          emptyText="No pipeline declares this endpoint in its spec.inputs."
        />
      </Flex>
    </EntityInfoCard>
  );
}
