import { Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { PlannedChange } from '@dataplatform/backstage-plugin-data-platform-common';
import { changeActionLabel } from '../format/applies';
import { plainList } from './listStyles';

const useStyles = makeStyles(
  {
    list: plainList('var(--bui-space-2)'),
    item: { overflowWrap: 'anywhere' },
    action: { fontWeight: 'var(--bui-font-weight-bold)' as any },
    notAdditive: {
      marginLeft: 'var(--bui-space-2)',
      padding: '0 var(--bui-space-1)',
      borderRadius: 'var(--bui-radius-2)',
      backgroundColor: 'var(--bui-warning-bg-subdued)',
      color: 'var(--bui-warning-fg-subdued)',
      border: '1px solid var(--bui-warning-border)',
      fontSize: 'var(--bui-font-size-2)',
      whiteSpace: 'nowrap',
    },
  },
  { name: 'DataPlatformInfrastructureChangeList' },
);

/** Why a change is flagged: what `additive: false` means. */
export const NOT_ADDITIVE_MEANING =
  'Takes something away or changes what existing data means (a revoke, a shorter retention): the scheduled reconcile never applies it by itself.';

/**
 * Planned changes, one a line: what is done (`Add column`), to which field
 * of the resource, how, and from which catalog field; those that take
 * something away are flagged.
 */
export function ChangeList(props: { changes: PlannedChange[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.changes.map((change, index) => (
        <li
          key={`${change.action}:${change.field}:${index}`}
          className={classes.item}
          data-action={change.action}
        >
          <Text variant="body-small" as="div">
            <span className={classes.action}>
              {changeActionLabel(change.action)}
            </span>{' '}
            <code>{change.field}</code>: {change.description}
            {!change.additive && (
              <span
                className={classes.notAdditive}
                title={NOT_ADDITIVE_MEANING}
              >
                Not additive
              </span>
            )}
          </Text>
          <Text variant="body-x-small" color="secondary" as="div">
            from <code>{change.source}</code>
          </Text>
        </li>
      ))}
    </ul>
  );
}
