import { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Cell,
  ColumnConfig,
  Flex,
  Link,
  Table,
  TablePaginationType,
  Text,
} from '@backstage/ui';
import {
  isProblemState,
  type OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  durationInWords,
  partitionLabel,
  relativeTime,
  timestampLabel,
} from '../../format/time';
import {
  AlertStateBadge,
  PipelineStateBadge,
  SeverityBadge,
} from '../shared/HealthBadge';
import { AlertActions } from '../shared/AlertActions';
import { RootCauseChain } from '../shared/RootCauseChain';
import { pipelineName } from '../../format/entityNames';
import { useLineageViewLink, usePipelineHealthLink } from '../../routes';
import type { AlertAction, AlertTarget } from '../shared/useAlertAction';

type Row = OnCallRow & { id: string };

/** Props of {@link OnCallTable}. */
export interface OnCallTableProps {
  rows: OnCallRow[];
  pagination: TablePaginationType;
  /** The list is being fetched again for a changed query. */
  stale?: boolean;
  emptyState: ReactNode;
  perform: (target: AlertTarget, action: AlertAction) => void;
  pendingAlertId?: string;
}

function NoValue() {
  return (
    <Text variant="body-small" color="secondary">
      —
    </Text>
  );
}

/**
 * The on-call list: one row per pipeline, in the order the API sorted them,
 * with what the engineer needs to decide and act without opening each one.
 */
export function OnCallTable(props: OnCallTableProps) {
  const { rows, pagination, stale, emptyState, perform, pendingAlertId } =
    props;
  const healthLink = usePipelineHealthLink();
  const lineageLink = useLineageViewLink();

  const columns: ColumnConfig<Row>[] = [
    {
      id: 'pipeline',
      label: 'Pipeline',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: row => (
        <Cell>
          <Flex direction="column" gap="0">
            <Link
              href={healthLink(row.pipelineRef)}
              variant="body-small"
              weight="bold"
            >
              {row.title || pipelineName(row.pipelineRef)}
            </Link>
            <Text variant="body-x-small" color="secondary">
              {pipelineName(row.pipelineRef)} · {row.lifecycle}
            </Text>
          </Flex>
        </Cell>
      ),
    },
    {
      id: 'owner',
      label: 'Owner',
      defaultWidth: '1.2fr',
      cell: row => (
        <Cell>
          <EntityRefLink entityRef={row.owner} defaultKind="group" hideIcon />
        </Cell>
      ),
    },
    {
      id: 'status',
      label: 'Status',
      defaultWidth: '1fr',
      cell: row => (
        <Cell>
          <Flex direction="column" gap="1" align="start">
            <PipelineStateBadge state={row.state} />
            {row.since && isProblemState(row.state) && (
              <Text
                variant="body-x-small"
                color="secondary"
                title={timestampLabel(row.since)}
              >
                since {relativeTime(row.since)}
              </Text>
            )}
          </Flex>
        </Cell>
      ),
    },
    {
      id: 'partition',
      label: 'Partition',
      defaultWidth: '1.1fr',
      cell: row => (
        <Cell>
          {row.partition ? (
            <Text variant="body-small" title={row.partition}>
              {partitionLabel(row.partition)}
            </Text>
          ) : (
            <NoValue />
          )}
        </Cell>
      ),
    },
    {
      id: 'lateBy',
      label: 'Late by',
      defaultWidth: '0.8fr',
      cell: row => (
        <Cell>
          {row.lateByMs !== undefined && row.lateByMs > 0 ? (
            <Text variant="body-small" weight="bold">
              {durationInWords(row.lateByMs)}
            </Text>
          ) : (
            <NoValue />
          )}
        </Cell>
      ),
    },
    {
      id: 'rootCause',
      label: 'Root cause',
      defaultWidth: '2fr',
      cell: row => (
        <Cell>
          {row.rootCause?.chain.length ? (
            <RootCauseChain
              rootCause={row.rootCause}
              pipelineRef={row.pipelineRef}
            />
          ) : (
            isProblemState(row.state) && (
              <Text variant="body-small" color="secondary">
                This pipeline
                {lineageLink && (
                  <>
                    {' · '}
                    <Link
                      href={lineageLink({
                        node: row.pipelineRef,
                        direction: 'downstream',
                        depth: 3,
                      })}
                      variant="body-small"
                    >
                      Downstream impact
                    </Link>
                  </>
                )}
              </Text>
            )
          )}
        </Cell>
      ),
    },
    {
      id: 'alert',
      label: 'Alert',
      defaultWidth: '1.2fr',
      cell: row => (
        <Cell>
          {row.alert ? (
            <Flex gap="1" align="center" style={{ flexWrap: 'wrap' }}>
              <AlertStateBadge alert={row.alert} />
              <SeverityBadge severity={row.alert.severity} />
            </Flex>
          ) : (
            <Text variant="body-small" color="secondary">
              No alert
            </Text>
          )}
        </Cell>
      ),
    },
    {
      id: 'actions',
      label: 'Actions',
      defaultWidth: '2fr',
      cell: row => (
        <Cell>
          {row.alert && (
            <AlertActions
              alert={row.alert}
              target={{
                alertId: row.alert.id,
                pipelineRef: row.pipelineRef,
                owner: row.owner,
              }}
              perform={perform}
              pending={pendingAlertId === row.alert.id}
            />
          )}
        </Cell>
      ),
    },
  ];

  return (
    <Table
      columnConfig={columns}
      data={rows.map(row => ({ ...row, id: row.pipelineRef }))}
      pagination={pagination}
      isStale={stale}
      emptyState={emptyState}
    />
  );
}
