import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { changeActionLabel } from '../format/applies';
import { ChangeResultBadge } from './StatusBadge';
import { plainList } from './listStyles';

const useStyles = makeStyles(
  {
    list: plainList('var(--bui-space-1)'),
    item: { overflowWrap: 'anywhere' },
  },
  { name: 'DataPlatformInfrastructureChangeResults' },
);

/** What became of each change of an apply, failures with their reason. */
export function ChangeResults(props: { results: ChangeResult[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.results.map(({ change, status, message }, index) => (
        <li
          key={`${change.action}:${change.field}:${index}`}
          className={classes.item}
          data-result={status}
        >
          <Flex gap="2" align="start">
            <ChangeResultBadge status={status} />
            <div>
              <Text variant="body-small" as="div">
                {changeActionLabel(change.action)} <code>{change.field}</code>:{' '}
                {change.description}
              </Text>
              {message && (
                <Text
                  variant="body-small"
                  color={status === 'failed' ? 'danger' : 'secondary'}
                  as="div"
                >
                  {message}
                </Text>
              )}
            </div>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
