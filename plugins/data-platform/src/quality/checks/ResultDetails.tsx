import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { QualityResultView } from '@dataplatform/backstage-plugin-data-platform-common';
import { relativeTime, timestampLabel } from '../../format/time';
import { measuredValue } from '../format/cost';
import {
  isEmittedSource,
  sourceLabel,
  STATUS_PRESENTATION,
} from '../format/presentation';
import { CheckQuery } from './CheckQuery';
import { partitionInWords } from './partitionWords';

const useStyles = makeStyles(
  {
    facts: {
      display: 'grid',
      gridTemplateColumns: 'max-content 1fr',
      columnGap: 12,
      rowGap: 2,
      margin: 0,
      fontSize: '0.875rem',
      '& dt': { color: 'var(--bui-fg-secondary)' },
      '& dd': { margin: 0, overflowWrap: 'anywhere' },
    },
  },
  { name: 'DataPlatformQualityResultDetails' },
);

const METADATA_TYPES = ['freshness', 'volume', 'volume_anomaly'];

/**
 * One check's result on one partition: what it measured against what it
 * expects, where the result came from and when, and the queries the run
 * sent with what they cost.
 */
export function ResultDetails(props: {
  result: QualityResultView;
  granularity?: string;
}) {
  const classes = useStyles();
  const { result } = props;
  const actual = measuredValue(result.metric, result.actual);
  const queries = result.run?.queries ?? [];
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-medium" weight="bold">
        {result.name}: {STATUS_PRESENTATION[result.status].label.toLowerCase()}{' '}
        on {partitionInWords(result.partition, props.granularity)}
      </Text>
      <Text variant="body-small">{result.message}</Text>
      <dl className={classes.facts}>
        <dt>Metric</dt>
        <dd>{result.metric}</dd>
        <dt>Expected</dt>
        <dd>{result.expected ?? '–'}</dd>
        <dt>Actual</dt>
        <dd>{actual ?? '–'}</dd>
        <dt>Severity</dt>
        <dd>{result.severity}</dd>
        <dt>Source</dt>
        <dd>
          {isEmittedSource(result.source)
            ? `${sourceLabel(result.source)}, through OpenLineage`
            : sourceLabel(result.source)}
        </dd>
        <dt>Evaluated</dt>
        <dd title={timestampLabel(result.evaluatedAt)}>
          {relativeTime(result.evaluatedAt)}
        </dd>
      </dl>
      {queries.map((query, i) => (
        <CheckQuery
          key={i}
          query={query}
          label={
            queries.length === 1
              ? 'Query'
              : `Query ${i + 1} of ${queries.length}`
          }
        />
      ))}
      {!result.run && METADATA_TYPES.includes(result.type) && (
        <Text variant="body-x-small" color="secondary">
          Judged on partition metadata (row count, last write): no query scanned
          the table.
        </Text>
      )}
    </Flex>
  );
}
