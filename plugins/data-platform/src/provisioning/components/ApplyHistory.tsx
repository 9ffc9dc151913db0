import { useState } from 'react';
import { Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ApplyRecord,
  ChangeResult,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { changeActionLabel } from '../format/applies';
import { resourceName } from '../format/resources';
import { ApplyRecordSummary } from './ApplyRecordSummary';
import { ChangeResults } from './ChangeResults';
import { plainList } from './listStyles';
import { ResourceAddress } from './ResourceAddress';

const useStyles = makeStyles(
  {
    list: plainList('var(--bui-space-3)'),
    entry: {
      overflowWrap: 'anywhere',
      paddingBottom: 'var(--bui-space-3)',
      borderBottom: '1px solid var(--bui-border-1)',
      '&:last-child': { borderBottom: 'none', paddingBottom: 0 },
    },
    summary: { cursor: 'pointer', marginTop: 'var(--bui-space-1)' },
  },
  { name: 'DataPlatformInfrastructureApplyHistory' },
);

/** Applies listed before "Show all". */
const SHOWN_AT_FIRST = 10;

/** What an apply did, by kind of change: "Add column, Set labels". */
function actionsOf(results: ChangeResult[]): string {
  return [
    ...new Set(results.map(r => changeActionLabel(r.change.action))),
  ].join(', ');
}

/**
 * The apply log of the entity's resources, newest first: what was applied
 * to which resource, when, by whom and how, and each change's result.
 * Applies that did not fully succeed show their changes open; the ten
 * newest are listed until all are asked for.
 */
export function ApplyHistory(props: { applies: ApplyRecord[]; limit: number }) {
  const classes = useStyles();
  const { applies, limit } = props;
  const [showAll, setShowAll] = useState(false);
  if (applies.length === 0) {
    return (
      <Text variant="body-small" color="secondary" as="p">
        Nothing has been applied to these resources yet.
      </Text>
    );
  }
  const shown = showAll ? applies : applies.slice(0, SHOWN_AT_FIRST);
  return (
    <Flex direction="column" gap="2">
      <ul className={classes.list} aria-label="Applies">
        {shown.map(record => {
          const results = record.results ?? [];
          return (
            <li key={record.id} className={classes.entry}>
              <Text variant="body-small" weight="bold" as="div">
                <ResourceAddress
                  name={resourceName({
                    id: record.resourceId,
                    type: record.plan.type,
                  })}
                />
              </Text>
              <ApplyRecordSummary record={record} />
              {results.length > 0 && (
                <details open={record.status !== 'applied'}>
                  <summary className={classes.summary}>
                    <Text variant="body-small">{actionsOf(results)}</Text>
                  </summary>
                  <ChangeResults results={results} />
                </details>
              )}
            </li>
          );
        })}
      </ul>
      {shown.length < applies.length && (
        <Button
          size="small"
          variant="tertiary"
          onPress={() => setShowAll(true)}
        >
          {`Show all ${applies.length} applies`}
        </Button>
      )}
      {showAll && applies.length >= limit && (
        <Text variant="body-x-small" color="secondary" as="p">
          The latest {limit} applies.
        </Text>
      )}
    </Flex>
  );
}
