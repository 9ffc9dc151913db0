import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex } from '@backstage/ui';
import type { PipelineEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { specEntityRefs } from '../../format/entityRefs';
import { LinkedEntities } from '../LinkedEntitiesTable';
import { MissingSpecField } from '../MissingSpecField';

function DataFlowSection(props: {
  heading: string;
  refs: unknown;
  field: 'inputs' | 'outputs';
}) {
  const { entity } = useEntity<PipelineEntity>();
  return (
    <LinkedEntities
      heading={props.heading}
      refs={specEntityRefs(props.refs, {
        defaultKind: 'dataendpoint',
        referrer: entity,
      })}
      columns={['type', 'location', 'owner']}
      emptyState={
        <MissingSpecField
          title={`No ${props.field} declared`}
          description={
            props.field === 'inputs'
              ? 'Declared inputs are the upstream lineage: health checks blame a late input before this pipeline.'
              : 'Declared outputs are what this pipeline is late for when it misses its SLA.'
          }
          yaml={`spec:
  ${props.field}:
    - dataendpoint:default/${
      props.field === 'inputs' ? 'track-played-raw' : 'daily-streams'
    }`}
        />
      }
    />
  );
}

/** The data endpoints a pipeline reads and writes, as declared in its spec. */
export function PipelineDataFlowCard() {
  const { entity } = useEntity<PipelineEntity>();
  return (
    <EntityInfoCard title="Inputs & outputs">
      <Flex direction="column" gap="5">
        <DataFlowSection
          heading="Reads from"
          refs={entity.spec?.inputs}
          field="inputs"
        />
        <DataFlowSection
          heading="Writes to"
          refs={entity.spec?.outputs}
          field="outputs"
        />
      </Flex>
    </EntityInfoCard>
  );
}
