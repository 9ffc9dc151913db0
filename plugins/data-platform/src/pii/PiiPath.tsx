import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { PiiPathStep } from '@dataplatform/backstage-plugin-data-platform-common';
import { useColumnsViewLink } from '../routes';
import { endpointRefOf, isCatalogNode } from './nodes';
import { HIDDEN_STEP_LABEL, jobName } from './piiWords';

const useStyles = makeStyles(
  {
    path: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      gap: '2px 6px',
      margin: 0,
      padding: 0,
      listStyle: 'none',
    },
    step: { overflowWrap: 'anywhere' },
    column: { fontFamily: 'var(--bui-font-monospace)' },
  },
  { name: 'DataPlatformPiiPath' },
);

function Step(props: { step: PiiPathStep }) {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const columnsViewLink = useColumnsViewLink();
  const { step } = props;
  if (step.hidden) {
    return (
      <Text variant="body-small" color="secondary">
        ({HIDDEN_STEP_LABEL})
      </Text>
    );
  }
  const registered = isCatalogNode(step.node);
  const node = registered ? (
    <Link href={entityLink(step.node)} variant="body-small">
      {step.title}
    </Link>
  ) : (
    <Text variant="body-small">{step.title}</Text>
  );
  if (!step.column) return node;
  const column = endpointRefOf(step.node) ? (
    <Link
      href={columnsViewLink(entityLink(step.node), step.column)}
      variant="body-small"
      className={classes.column}
      aria-label={`${step.column}: its column lineage in ${step.title}`}
    >
      {step.column}
    </Link>
  ) : (
    <Text variant="body-small" className={classes.column}>
      {step.column}
    </Text>
  );
  return (
    <>
      {column}
      <Text variant="body-small" color="secondary">
        {' of '}
      </Text>
      {node}
    </>
  );
}

/**
 * The path personal data took, source first: each column linked to its
 * Columns view and each node to its entity page, when the catalog has it;
 * the job that wrote a hop named after the arrow.
 */
export function PiiPath(props: { path: PiiPathStep[]; label?: string }) {
  const classes = useStyles();
  return (
    <ol className={classes.path} aria-label={props.label ?? 'Path'}>
      {props.path.map((step, i) => (
        <li
          key={`${step.node}/${step.column ?? ''}/${i}`}
          className={classes.step}
        >
          {i > 0 && (
            <Text variant="body-small" color="secondary">
              {'→ '}
              {step.via && <>by {jobName(step.via)}: </>}
            </Text>
          )}
          <Step step={step} />
        </li>
      ))}
    </ol>
  );
}
