import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DataEndpointEntity,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityCheckLabel, qualityCheckRule } from '../../format/qualityCheck';
import { MissingSpecField } from '../MissingSpecField';

const useStyles = makeStyles({
  sql: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
});

type CheckRow = QualityCheck & { id: string };

/** The quality checks declared on a data endpoint, each with its rule in words. */
export function DataEndpointQualityCard() {
  const { entity } = useEntity<DataEndpointEntity>();
  const classes = useStyles();
  const rows: CheckRow[] = (entity.spec?.quality ?? []).map((check, i) => ({
    ...check,
    id: `${i}`,
  }));

  const columns: ColumnConfig<CheckRow>[] = [
    {
      id: 'check',
      label: 'Check',
      isRowHeader: true,
      defaultWidth: '1fr',
      cell: row => (
        <CellText title={qualityCheckLabel(row.type)} description={row.name} />
      ),
    },
    {
      id: 'rule',
      label: 'Rule',
      defaultWidth: '2fr',
      cell: row =>
        row.type === 'custom_sql' && row.sql ? (
          <Cell>
            <code className={classes.sql}>{row.sql}</code>
          </Cell>
        ) : (
          <CellText title={qualityCheckRule(row)} />
        ),
    },
  ];

  return (
    <EntityInfoCard title="Quality checks">
      {rows.length === 0 ? (
        <MissingSpecField
          title="No quality checks declared"
          description="Declared checks run against every new partition and feed the endpoint's quality score."
          yaml={`spec:
  quality:
    - type: freshness
      maxDelay: PT2H
    - type: null_rate
      column: user_id
      maxNullRate: 0.01`}
        />
      ) : (
        <Table
          columnConfig={columns}
          data={rows}
          pagination={{ type: 'none' }}
        />
      )}
    </EntityInfoCard>
  );
}
