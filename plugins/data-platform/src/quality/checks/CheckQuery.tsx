import { Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { QualityQueryCost } from '@dataplatform/backstage-plugin-data-platform-common';
import { bytesInWords, millisInWords } from '../format/cost';
import { sqlWithBindings } from '../format/sqlWithBindings';
import { CopyState, useCopyText } from './useCopyText';

const useStyles = makeStyles(
  {
    sql: {
      margin: 0,
      padding: 8,
      maxHeight: 240,
      overflow: 'auto',
      fontFamily: 'var(--bui-font-monospace, monospace)',
      fontSize: '0.75rem',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      background: 'var(--bui-bg-neutral-1, rgba(0,0,0,0.04))',
      borderRadius: 4,
    },
  },
  { name: 'DataPlatformQualityCheckQuery' },
);

const COPY_LABELS: Record<CopyState, string> = {
  idle: 'Copy SQL',
  copied: 'Copied',
  failed: 'Copy failed: select the text',
};

/** "1.2 GB processed · 1.2 GB billed · 3.4 s slot time · 820 ms", what the warehouse reported. */
export function queryCostInWords(query: QualityQueryCost): string {
  const parts = [
    query.estimatedBytes !== undefined &&
      `${bytesInWords(query.estimatedBytes)} estimated by a dry run`,
    query.bytesProcessed !== undefined &&
      `${bytesInWords(query.bytesProcessed)} processed`,
    query.bytesBilled !== undefined &&
      `${bytesInWords(query.bytesBilled)} billed`,
    query.slotMs !== undefined && `${millisInWords(query.slotMs)} slot time`,
    `took ${millisInWords(query.durationMs)}`,
    query.jobId && `job ${query.jobId}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * A query a check run sent, as it can be rerun: the SQL with its bindings
 * written in (or apart, when they cannot be), a Copy button, and what it
 * cost.
 */
export function CheckQuery(props: { query: QualityQueryCost; label: string }) {
  const classes = useStyles();
  const { query } = props;
  const { state, copy } = useCopyText();
  const runnable = sqlWithBindings(query.sql, query.bindings);
  const text = runnable ?? query.sql;
  return (
    <Flex direction="column" gap="1">
      <Flex justify="between" align="center" gap="2">
        <Text variant="body-small" weight="bold">
          {props.label}
        </Text>
        <Button
          size="small"
          variant="secondary"
          aria-label={`Copy SQL: ${props.label}`}
          onPress={() => copy(text)}
        >
          {COPY_LABELS[state]}
        </Button>
      </Flex>
      <pre className={classes.sql}>{text}</pre>
      {!runnable && query.bindings?.length ? (
        <Text variant="body-x-small" color="secondary">
          Bindings, in order: {JSON.stringify(query.bindings)}
        </Text>
      ) : null}
      <Text variant="body-x-small" color="secondary">
        {queryCostInWords(query)}
      </Text>
    </Flex>
  );
}
