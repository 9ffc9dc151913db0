import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex } from '@backstage/ui';
import type { PipelineEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { slaDeadlineInWords } from '../../format/duration';
import { engineLabel } from '../../format/engine';
import { scheduleInWords } from '../../format/schedule';
import { MissingSpecField } from '../MissingSpecField';
import { SpecField, SpecFieldGrid } from '../SpecField';

/** How a pipeline runs: engine, schedule and the deadline its output must meet. */
export function PipelineScheduleCard() {
  const { entity } = useEntity<PipelineEntity>();
  const spec = entity.spec;
  const deadline = spec?.sla?.deadline;

  return (
    <EntityInfoCard title="Schedule & SLA">
      <Flex direction="column" gap="4">
        <SpecFieldGrid>
          <SpecField label="Engine" value={engineLabel(spec?.engine)} />
          <SpecField label="Schedule" value={scheduleInWords(spec?.schedule)} />
          {deadline && (
            <SpecField
              label="SLA deadline"
              value={slaDeadlineInWords(deadline)}
              wide
            />
          )}
        </SpecFieldGrid>
        {!deadline && (
          <MissingSpecField
            title="No SLA declared"
            description="Without a deadline the health checks cannot tell when this pipeline's output is late."
            yaml={`spec:
  sla:
    deadline: PT2H # after the partition period ends`}
          />
        )}
      </Flex>
    </EntityInfoCard>
  );
}
