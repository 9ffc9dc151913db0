import { Flex, Text } from '@backstage/ui';
import { RiInformationLine } from '@remixicon/react';
import type {
  ResourcePlan,
  ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { ChangeList } from './ChangeList';
import { RefusalList } from './RefusalList';

function changesHeading(plan: ResourcePlan, drifted: boolean): string {
  if (drifted) {
    return 'Changed outside the catalog, field by field (as it is now -> as the catalog says). Applying puts it back:';
  }
  if (plan.action === 'create') {
    return 'Does not exist yet. Applying creates it:';
  }
  return `Plan: ${plural(plan.changes.length, 'change')}`;
}

/**
 * A resource's plan: the changes an apply makes (for a drifted resource,
 * the fields changed outside the catalog, field by field), what will not
 * be done and why, and what the provisioner notes it cannot manage.
 */
export function PlanDetails(props: {
  plan: ResourcePlan;
  state: ResourceState;
}) {
  const { plan, state } = props;
  const drifted = state === 'drifted';
  return (
    <Flex direction="column" gap="3">
      {plan.changes.length > 0 && (
        <Flex direction="column" gap="2">
          <Text variant="body-small" weight="bold" as="p">
            {changesHeading(plan, drifted)}
          </Text>
          <ChangeList changes={plan.changes} />
        </Flex>
      )}
      {plan.refusals.length > 0 && (
        <Flex direction="column" gap="2">
          <Text variant="body-small" weight="bold" as="p">
            {drifted
              ? `Changed outside the catalog, and refused: ${plural(
                  plan.refusals.length,
                  'difference',
                )}`
              : `Refused: ${plural(plan.refusals.length, 'difference')}`}
          </Text>
          <RefusalList refusals={plan.refusals} drifted={drifted} />
        </Flex>
      )}
      {plan.notes.map(note => (
        <Flex key={note} gap="1" align="start">
          <RiInformationLine size={16} aria-hidden />
          <Text variant="body-small" color="secondary" as="p">
            Note: {note}.
          </Text>
        </Flex>
      ))}
    </Flex>
  );
}
