import { Alert } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { DesiredStateProblem } from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';

const useStyles = makeStyles(
  {
    list: {
      margin: 0,
      paddingLeft: 'var(--bui-space-5)',
      overflowWrap: 'anywhere',
    },
  },
  { name: 'DataPlatformInfrastructureProblems' },
);

/**
 * What the catalog asks for that cannot be provisioned, each naming the
 * entity field it comes from.
 */
export function ProvisioningProblems(props: {
  problems: DesiredStateProblem[];
  entityRef: string;
}) {
  const classes = useStyles();
  const { problems, entityRef } = props;
  if (problems.length === 0) return null;
  return (
    <Alert
      status="warning"
      icon
      role="alert"
      title={`The catalog asks for what cannot be provisioned (${plural(
        problems.length,
        'problem',
      )})`}
      description={
        <ul className={classes.list}>
          {problems.map(problem => (
            <li
              key={`${problem.entityRef}:${problem.field}:${problem.message}`}
            >
              <code>{problem.field}</code>
              {problem.entityRef !== entityRef &&
                ` of ${problem.entityRef}`}: {problem.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
