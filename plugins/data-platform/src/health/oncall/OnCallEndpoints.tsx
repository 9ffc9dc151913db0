import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import {
  partitionLabel,
  stateDuration,
  timestampLabel,
} from '../../format/time';
import { useEndpointQualityLink } from '../../routes';
import { FailedChecks } from '../shared/FailedChecks';
import { AlertStateBadge, SeverityBadge } from '../shared/HealthBadge';

const useStyles = makeStyles(
  {
    table: {
      width: '100%',
      borderCollapse: 'collapse',
      '& th, & td': {
        textAlign: 'left',
        verticalAlign: 'top',
        padding: '8px 12px 8px 0',
        borderBottom: '1px solid var(--bui-border-1)',
      },
    },
  },
  { name: 'DataPlatformOnCallEndpoints' },
);

const endpointName = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

/**
 * Bad data in endpoints no pipeline health knows writes (data partners
 * drop, a table loaded by hand): each with its owner, the critical checks
 * failing, the partition and a link to the endpoint's Quality tab. Nothing
 * when there is none.
 */
export function OnCallEndpoints(props: { rows: OnCallRow[] }) {
  const classes = useStyles();
  const qualityLink = useEndpointQualityLink();
  if (props.rows.length === 0) return null;
  return (
    <Flex direction="column" gap="1">
      <Text variant="title-x-small" as="h2">
        Bad data in endpoints no pipeline writes
      </Text>
      <table
        className={classes.table}
        aria-label="Bad data in endpoints no pipeline writes"
      >
        <thead>
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">Owner</th>
            <th scope="col">Failing checks</th>
            <th scope="col">Partition</th>
            <th scope="col">Alert</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(row => (
            <tr key={row.alert?.id ?? row.pipelineRef}>
              <th scope="row">
                <Flex direction="column" gap="0">
                  <Link
                    href={qualityLink(row.pipelineRef)}
                    variant="body-small"
                    weight="bold"
                  >
                    {row.title || endpointName(row.pipelineRef)}
                  </Link>
                  <Text variant="body-x-small" color="secondary">
                    {endpointName(row.pipelineRef)} · Quality tab
                  </Text>
                </Flex>
              </th>
              <td>
                <EntityRefLink
                  entityRef={row.owner}
                  defaultKind="group"
                  hideIcon
                />
              </td>
              <td>
                <FailedChecks
                  checks={row.alert?.failedChecks ?? []}
                  max={3}
                  withMessages
                />
              </td>
              <td>
                <Text variant="body-small">
                  {row.partition ? partitionLabel(row.partition) : 'the table'}
                </Text>
              </td>
              <td>
                {row.alert && (
                  <Flex direction="column" gap="1" align="start">
                    <SeverityBadge severity={row.alert.severity} />
                    <AlertStateBadge alert={row.alert} />
                    {row.since && (
                      <Text
                        variant="body-x-small"
                        color="secondary"
                        title={timestampLabel(row.since)}
                      >
                        {stateDuration(row.since)}
                      </Text>
                    )}
                  </Flex>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Flex>
  );
}
