import { Flex, Text } from '@backstage/ui';
import type { PipelineAlert } from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionLabel } from '../../format/time';
import { FailedChecks } from '../shared/FailedChecks';
import { PipelineStateBadge } from '../shared/HealthBadge';

/** Bad partitions shown at most; the Alerts card lists them all. */
const SHOWN = 3;

/**
 * The partitions the pipeline wrote bad data to, as its live bad-data
 * alerts say, oldest first: for the Health tab's "Now", since a landed
 * partition looks fine on the grid however bad its rows are.
 */
export function BadDataNow(props: { alerts: PipelineAlert[] }) {
  const bad = props.alerts
    .filter(a => a.problem === 'bad_data' && a.state !== 'resolved')
    .sort((a, b) => Date.parse(a.partition) - Date.parse(b.partition));
  if (bad.length === 0) return null;
  const more = bad.length - SHOWN;
  return (
    <Flex direction="column" gap="2" data-testid="bad-data-now">
      {bad.slice(0, SHOWN).map(alert => (
        <Flex key={alert.id} direction="column" gap="1">
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
            <PipelineStateBadge state="bad_data" />
            <Text variant="body-medium">
              Partition <strong>{partitionLabel(alert.partition)}</strong>
            </Text>
          </Flex>
          <FailedChecks checks={alert.failedChecks ?? []} withMessages />
        </Flex>
      ))}
      {more > 0 && (
        <Text variant="body-small" color="secondary">
          and {more} more bad partition{more === 1 ? '' : 's'} (see Alerts)
        </Text>
      )}
    </Flex>
  );
}
