import { Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { RiForbidLine } from '@remixicon/react';
import type { PlanRefusal } from '@dataplatform/backstage-plugin-data-platform-common';
import { plainList } from './listStyles';

const useStyles = makeStyles(
  {
    list: plainList('var(--bui-space-2)'),
    item: {
      display: 'flex',
      gap: 'var(--bui-space-2)',
      overflowWrap: 'anywhere',
      padding: 'var(--bui-space-2)',
      borderLeft: '3px solid var(--bui-negative-border)',
      backgroundColor: 'var(--bui-negative-bg-subdued)',
      color: 'var(--bui-negative-fg-subdued)',
    },
    icon: { flex: 'none', marginTop: 2 },
  },
  { name: 'DataPlatformInfrastructureRefusalList' },
);

/**
 * Differences the plan will not make, each with the field, what the catalog
 * asks for and the rule that refuses it, and what would end it.
 */
export function RefusalList(props: {
  refusals: PlanRefusal[];
  /** The difference was made outside the catalog, not asked for by it. */
  drifted: boolean;
}) {
  const classes = useStyles();
  return (
    <>
      <Text variant="body-small" as="p">
        {props.drifted
          ? 'Will not be put back, so the resource keeps these changes. To end the drift, declare them in the catalog, or undo them on the resource by hand.'
          : 'Will not be done: the resource stays as it is here. To go ahead, change the catalog back, or declare a new resource for the new shape (e.g. a table under a new name).'}
      </Text>
      <ul className={classes.list}>
        {props.refusals.map((refusal, index) => (
          <li
            key={`${refusal.field}:${index}`}
            className={classes.item}
            data-refusal={refusal.field}
          >
            <RiForbidLine size={16} aria-hidden className={classes.icon} />
            <div>
              <Text variant="body-small" as="div">
                <code>{refusal.field}</code>: the catalog asks for{' '}
                <strong>{refusal.description}</strong>
              </Text>
              <Text variant="body-small" as="div">
                Refused: {refusal.rule}.
              </Text>
              <Text variant="body-x-small" as="div">
                from <code>{refusal.source}</code>
              </Text>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
