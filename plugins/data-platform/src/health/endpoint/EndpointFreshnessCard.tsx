import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Cell, ColumnConfig, Flex, Link, Table, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import type { EndpointFreshness } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineHealthApiRef } from '../../api/healthApi';
import { SpecField, SpecFieldGrid } from '../../components/SpecField';
import { freshnessPresentation } from '../format/states';
import {
  durationInWords,
  partitionLabel,
  relativeTime,
  timestampLabel,
} from '../../format/time';
import { PipelineStateBadge, ToneBadge } from '../shared/HealthBadge';
import { LeftOutNote } from '../shared/LeftOutNote';
import { pipelineName } from '../../format/entityNames';
import { usePipelineHealthLink } from '../../routes';

type Writer = EndpointFreshness['writers'][number] & { id: string };

const FRESHNESS_WORDS: Record<EndpointFreshness['state'], string> = {
  fresh: 'Every writer is on time.',
  late: 'A newer partition is overdue.',
  failed: 'A writer failed; the newest partition is missing.',
  unknown: 'No writer has reported a landed partition yet.',
};

function FreshnessBody(props: { freshness: EndpointFreshness }) {
  const { freshness } = props;
  const healthLink = usePipelineHealthLink();
  const { label, tone } = freshnessPresentation(freshness.state);

  const columns: ColumnConfig<Writer>[] = [
    {
      id: 'pipeline',
      label: 'Writer',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: writer => (
        <Cell>
          <Link href={healthLink(writer.pipelineRef)} variant="body-small">
            {pipelineName(writer.pipelineRef)}
          </Link>
        </Cell>
      ),
    },
    {
      id: 'state',
      label: 'State',
      defaultWidth: '1fr',
      cell: writer => (
        <Cell>
          <PipelineStateBadge state={writer.state} />
        </Cell>
      ),
    },
    {
      id: 'partition',
      label: 'Partition',
      defaultWidth: '1.5fr',
      cell: writer => (
        <Cell>
          <Text variant="body-small">
            {writer.partition ? partitionLabel(writer.partition) : '—'}
          </Text>
        </Cell>
      ),
    },
  ];

  return (
    <Flex direction="column" gap="3">
      <Flex gap="2" align="center">
        <ToneBadge tone={tone}>{label}</ToneBadge>
        <Text variant="body-small" color="secondary">
          {FRESHNESS_WORDS[freshness.state]}
        </Text>
      </Flex>
      <SpecFieldGrid>
        <SpecField
          label="Latest partition"
          value={
            freshness.latestPartition
              ? partitionLabel(freshness.latestPartition)
              : 'none yet'
          }
        />
        <SpecField
          label="Landed"
          value={
            freshness.landedAt ? (
              <span title={timestampLabel(freshness.landedAt)}>
                {relativeTime(freshness.landedAt)}
              </span>
            ) : (
              '—'
            )
          }
        />
        {freshness.stalenessMs !== undefined && (
          <SpecField
            label="Last output"
            value={`${durationInWords(freshness.stalenessMs)} ago`}
          />
        )}
      </SpecFieldGrid>
      {freshness.writers.length > 0 ? (
        <Table
          columnConfig={columns}
          data={freshness.writers.map(w => ({ ...w, id: w.pipelineRef }))}
          pagination={{ type: 'none' }}
        />
      ) : (
        !freshness.hiddenWriters && (
          <Text variant="body-small" color="secondary">
            No pipeline writes this endpoint, so its freshness cannot be judged.
          </Text>
        )
      )}
      <LeftOutNote count={freshness.hiddenWriters} what="writing pipeline" />
    </Flex>
  );
}

/**
 * How fresh a data endpoint is: its latest landed partition, when it
 * landed, and the state of each pipeline that writes it.
 */
export function EndpointFreshnessCard() {
  const { entity } = useEntity();
  const api = useApi(pipelineHealthApiRef);
  const endpointRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEndpointFreshness(endpointRef),
    [api, endpointRef],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error instanceof ResponseError && error.statusCode === 404) {
    body = (
      <Text variant="body-small" color="secondary">
        No freshness yet: it appears once a pipeline writing this endpoint has
        reported runs.
      </Text>
    );
  } else if (error || !value) {
    body = (
      <ResponseErrorPanel
        error={error ?? new Error('No answer')}
        title="Could not load freshness"
      />
    );
  } else {
    body = <FreshnessBody freshness={value} />;
  }
  return <EntityInfoCard title="Freshness">{body}</EntityInfoCard>;
}
