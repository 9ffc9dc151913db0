import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Badge, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { EndpointPii } from '@dataplatform/backstage-plugin-data-platform-common';
import { timestampLabel } from '../format/time';
import { plural } from '../format/words';
import { PiiFindingItem } from './PiiFindingItem';
import { useEndpointPii } from './useEndpointPii';

const useStyles = makeStyles(
  { list: { listStyle: 'none', margin: 0, padding: 0 } },
  { name: 'DataPlatformEndpointPiiFindingsCard' },
);

/** What was checked, when nothing was found: only what the answer says. */
function NoFindings(props: { answer?: EndpointPii }) {
  const { answer } = props;
  if (!answer?.computedAt) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        Not computed yet: the portal has not followed personal data along
        lineage into this endpoint.
      </Text>
    );
  }
  const receiving = answer.columns.filter(c => c.derived.length > 0).length;
  return (
    <Text as="p" variant="body-small" color="secondary">
      No findings.{' '}
      {receiving > 0
        ? `${plural(
            receiving,
            'column receives',
            'columns receive',
          )} personal data along lineage, and the schema marks every one.`
        : 'No personal data reaches this endpoint along its recorded lineage.'}{' '}
      Checked against the schema's PII marks on{' '}
      {timestampLabel(answer.computedAt)}.
    </Text>
  );
}

/**
 * Where this endpoint's declared PII marks miss personal data it receives
 * along lineage: each finding with its path and what to do.
 */
export function EndpointPiiFindingsCard() {
  const { entity } = useEntity();
  const classes = useStyles();
  const pii = useEndpointPii(stringifyEntityRef(entity));
  const findings = pii.value?.findings ?? [];

  let body;
  if (!pii.available) {
    body = (
      <Text as="p" variant="body-small" color="secondary">
        This portal has no personal-data API (api:data-platform/personal-data).
      </Text>
    );
  } else if (pii.loading) body = <Progress />;
  else if (pii.error) {
    body = (
      <ResponseErrorPanel
        error={pii.error}
        title="Could not load the personal data findings"
      />
    );
  } else if (findings.length === 0) {
    // a 404 (the API has not seen the endpoint yet) is "not computed" too
    body = <NoFindings answer={pii.value} />;
  } else {
    body = (
      <ul className={classes.list} aria-label="Personal data findings">
        {findings.map((finding, i) => (
          <PiiFindingItem
            key={`${finding.column ?? ''}/${finding.kind}/${i}`}
            finding={finding}
          />
        ))}
      </ul>
    );
  }
  return (
    <EntityInfoCard
      title="Personal data findings"
      headerActions={
        findings.length > 0 && (
          <Badge size="small">{plural(findings.length, 'finding')}</Badge>
        )
      }
    >
      {body}
    </EntityInfoCard>
  );
}
