import { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, ColumnConfig, Table, TablePaginationType } from '@backstage/ui';
import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';
import { AlertActions } from '../shared/AlertActions';
import type { AlertAction, AlertTarget } from '../shared/useAlertAction';
import {
  AlertCellContent,
  LateByCellContent,
  PartitionCellContent,
  PipelineCellContent,
  RootCauseCellContent,
  StatusCellContent,
} from './OnCallCells';

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

/**
 * The on-call list: one row per pipeline, in the order the API sorted them,
 * with what the engineer needs to decide and act without opening each one.
 */
export function OnCallTable(props: OnCallTableProps) {
  const { rows, pagination, stale, emptyState, perform, pendingAlertId } =
    props;
  const column = (
    id: string,
    label: string,
    defaultWidth: ColumnConfig<Row>['defaultWidth'],
    content: (row: OnCallRow) => ReactNode,
  ): ColumnConfig<Row> => ({
    id,
    label,
    defaultWidth,
    isRowHeader: id === 'pipeline',
    cell: row => <Cell>{content(row)}</Cell>,
  });
  const columns: ColumnConfig<Row>[] = [
    column('pipeline', 'Pipeline', '2fr', row => (
      <PipelineCellContent row={row} />
    )),
    column('owner', 'Owner', '1.2fr', row => (
      <EntityRefLink entityRef={row.owner} defaultKind="group" hideIcon />
    )),
    column('status', 'Status', '1fr', row => <StatusCellContent row={row} />),
    column('partition', 'Partition', '1.1fr', row => (
      <PartitionCellContent row={row} />
    )),
    column('lateBy', 'Late by', '0.8fr', row => (
      <LateByCellContent row={row} />
    )),
    column('rootCause', 'Root cause', '2fr', row => (
      <RootCauseCellContent row={row} />
    )),
    column('alert', 'Alert', '1.2fr', row => <AlertCellContent row={row} />),
    column(
      'actions',
      'Actions',
      '2fr',
      row =>
        row.alert && (
          <AlertActions
            alert={row.alert}
            target={{
              alertId: row.alert.id,
              pipelineRef: row.pipelineRef,
              owner: row.owner,
              ...(row.state === 'late' || row.state === 'failed'
                ? { stillProblem: row.state }
                : {}),
            }}
            perform={perform}
            pending={pendingAlertId === row.alert.id}
          />
        ),
    ),
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
