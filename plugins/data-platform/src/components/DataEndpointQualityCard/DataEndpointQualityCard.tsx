import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DataEndpointEntity,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityCheckLabel, qualityCheckRule } from '../../format/qualityCheck';
import { MissingSpecField } from '../MissingSpecField';
import { QualitySummary } from '../../quality/card/QualitySummary';
import {
  CHECKS_RUN_WHEN,
  DECLARE_CHECKS_YAML,
} from '../../quality/QualityEmptyStates';

const useStyles = makeStyles({
  sql: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
});

type CheckRow = QualityCheck & { id: string };

/**
 * A data endpoint's quality: its score and latest failures (when the app
 * has the quality API), and its declared checks, each rule in words.
 */
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
      <Flex direction="column" gap="3">
        <QualitySummary
          endpointRef={stringifyEntityRef(entity)}
          granularity={entity.spec?.partitioning?.granularity}
        />
        {rows.length === 0 ? (
          <MissingSpecField
            title="No quality checks declared"
            description={CHECKS_RUN_WHEN}
            yaml={DECLARE_CHECKS_YAML}
          />
        ) : (
          <>
            <Table
              columnConfig={columns}
              data={rows}
              pagination={{ type: 'none' }}
            />
            <Text variant="body-x-small" color="secondary">
              {CHECKS_RUN_WHEN}
            </Text>
          </>
        )}
      </Flex>
    </EntityInfoCard>
  );
}
