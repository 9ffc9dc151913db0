import { useState } from 'react';
import {
  Button,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import type { PipelineRun } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  durationInWords,
  partitionLabel,
  timestampLabel,
} from '../../format/time';
import { FailureReason } from '../shared/FailureReason';
import { ToneBadge } from '../shared/HealthBadge';
import type { HealthTone } from '../format/states';
import { RunDurationChart } from './RunDurationChart';
import { runDurationMs } from './runDurations';

const RUN_STATES: Record<
  PipelineRun['state'],
  { label: string; tone: HealthTone }
> = {
  COMPLETE: { label: 'Completed', tone: 'success' },
  RUNNING: { label: 'Running', tone: 'info' },
  FAIL: { label: 'Failed', tone: 'danger' },
  ABORT: { label: 'Aborted', tone: 'warning' },
};

const INITIAL_ROWS = 10;

type Row = PipelineRun & { id: string };

/**
 * A pipeline's runs: the duration chart, then the runs newest first with
 * attempt, state, start, duration and failure reason (the first ten, more on
 * request).
 */
export function RunHistory(props: { runs: PipelineRun[] }) {
  const [showAll, setShowAll] = useState(false);
  if (props.runs.length === 0) {
    return (
      <Text variant="body-small" color="secondary">
        No runs reported yet. Runs arrive as OpenLineage events from the
        pipeline's scheduler (Airflow, dbt, Flink, ...).
      </Text>
    );
  }
  const newestFirst = [...props.runs].sort(
    (a, b) =>
      Date.parse(b.startedAt ?? b.partition) -
      Date.parse(a.startedAt ?? a.partition),
  );
  const rows: Row[] = (
    showAll ? newestFirst : newestFirst.slice(0, INITIAL_ROWS)
  ).map(run => ({
    ...run,
    id: run.runId,
  }));

  const columns: ColumnConfig<Row>[] = [
    {
      id: 'partition',
      label: 'Partition',
      isRowHeader: true,
      defaultWidth: '1.3fr',
      cell: run => (
        <CellText
          title={partitionLabel(run.partition)}
          description={run.attempt > 1 ? `attempt ${run.attempt}` : undefined}
        />
      ),
    },
    {
      id: 'state',
      label: 'State',
      defaultWidth: '0.8fr',
      cell: run => (
        <Cell>
          <ToneBadge tone={RUN_STATES[run.state]?.tone ?? 'neutral'}>
            {RUN_STATES[run.state]?.label ?? run.state}
          </ToneBadge>
        </Cell>
      ),
    },
    {
      id: 'started',
      label: 'Started',
      defaultWidth: '1.2fr',
      cell: run => (
        <CellText title={run.startedAt ? timestampLabel(run.startedAt) : '—'} />
      ),
    },
    {
      id: 'duration',
      label: 'Duration',
      defaultWidth: '0.8fr',
      cell: run => {
        const ms = runDurationMs(run);
        return (
          <CellText
            title={ms === undefined ? '—' : durationInWords(ms)}
            description={run.state === 'RUNNING' ? 'so far' : undefined}
          />
        );
      },
    },
    {
      id: 'failure',
      label: 'Failure reason',
      defaultWidth: '2.5fr',
      cell: run => (
        <Cell>
          <FailureReason reason={run.failureReason} />
        </Cell>
      ),
    },
  ];

  return (
    <Flex direction="column" gap="3">
      <RunDurationChart runs={props.runs} />
      <Table columnConfig={columns} data={rows} pagination={{ type: 'none' }} />
      {newestFirst.length > INITIAL_ROWS && (
        <div>
          <Button
            size="small"
            variant="tertiary"
            onPress={() => setShowAll(!showAll)}
          >
            {showAll
              ? 'Show the latest 10 runs'
              : `Show all ${newestFirst.length} runs`}
          </Button>
        </div>
      )}
    </Flex>
  );
}
