import { Button, Flex, Text } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { RiRefreshLine } from '@remixicon/react';
import {
  provisioningApplyPermission,
  type EntityProvisioning,
  type ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import countBy from 'lodash/countBy';
import { plural } from '../../format/words';
import { relativeTime, timestampLabel } from '../../format/time';
import { backendMessage } from '../format/errors';
import { resourceStatePresentation } from '../format/resources';

/** Props of {@link InfrastructureSummary}. */
export interface InfrastructureSummaryProps {
  provisioning: EntityProvisioning;
  /** The entity's owner, named when the user may not apply. */
  ownerRef?: string;
  /** Changes an apply of the whole entity makes. */
  changes: number;
  applyReasonId: string;
  onApplyAll: () => void;
  onCheckAgain: () => void;
  checking: boolean;
  checkError?: Error;
}

const STATE_ORDER: ResourceState[] = [
  'in-sync',
  'pending',
  'drifted',
  'blocked',
  'failed',
  'unmanaged',
];

function LastObserved(props: { provisioning: EntityProvisioning }) {
  const times = props.provisioning.resources
    .map(r => r.observedAt)
    .filter((t): t is string => !!t)
    .sort();
  if (times.length === 0) {
    return <>No provisioner observes these resources.</>;
  }
  const oldest = times[0];
  return (
    <>
      Last observed{' '}
      <time dateTime={oldest} title={timestampLabel(oldest)}>
        {relativeTime(oldest)}
      </time>
      .
    </>
  );
}

function ApplyReason(props: {
  canApply: boolean;
  changes: number;
  ownerRef?: string;
}) {
  if (props.changes === 0) return <>Nothing to apply.</>;
  if (props.canApply) return null;
  return (
    <>
      Only the owners of{' '}
      {props.ownerRef ? (
        <EntityRefLink entityRef={props.ownerRef} defaultKind="group" />
      ) : (
        'this entity'
      )}{' '}
      can apply, or someone granted{' '}
      <code>{provisioningApplyPermission.name}</code>.
    </>
  );
}

/**
 * The head of the Infrastructure tab: how many resources stand where, when
 * they were last observed, Apply all and Check again, who may apply, and
 * what the scheduled reconcile applies by itself.
 */
export function InfrastructureSummary(props: InfrastructureSummaryProps) {
  const { provisioning, changes } = props;
  const byState = countBy(provisioning.resources, r => r.state);
  const states = STATE_ORDER.filter(state => byState[state])
    .map(state => {
      const { label } = resourceStatePresentation(state);
      return `${byState[state]} ${label.toLocaleLowerCase('en-US')}`;
    })
    .join(', ');
  const canApplyNow = provisioning.canApply && changes > 0;
  return (
    <Flex direction="column" gap="3">
      <Flex direction="column" gap="1">
        <Text variant="body-medium" as="p">
          {plural(provisioning.resources.length, 'resource')}
          {states ? `: ${states}` : ''}.
        </Text>
        <Text variant="body-small" color="secondary" as="p">
          <LastObserved provisioning={provisioning} />
        </Text>
      </Flex>
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <Button
          // a disabled primary button still looks pressable
          variant={canApplyNow ? 'primary' : 'secondary'}
          isDisabled={!canApplyNow}
          aria-describedby={canApplyNow ? undefined : props.applyReasonId}
          onPress={props.onApplyAll}
        >
          {changes > 0
            ? `Apply all: ${plural(changes, 'change')}`
            : 'Apply all'}
        </Button>
        <Button
          variant="secondary"
          iconStart={<RiRefreshLine size={16} aria-hidden />}
          isPending={props.checking}
          onPress={props.onCheckAgain}
        >
          Check again
        </Button>
        <Text variant="body-small" color="secondary" id={props.applyReasonId}>
          <ApplyReason
            canApply={provisioning.canApply}
            changes={changes}
            ownerRef={props.ownerRef}
          />
        </Text>
      </Flex>
      {props.checkError && (
        <Text variant="body-small" color="danger" as="p" role="alert">
          Could not check again: {backendMessage(props.checkError)}
        </Text>
      )}
      <Text variant="body-small" color="secondary" as="p">
        {provisioning.autoApply === 'additive'
          ? 'Additive changes are applied automatically by the scheduled reconcile; the others wait for an owner to apply them.'
          : 'Nothing is applied automatically: the scheduled reconcile only observes, and changes wait for an owner to apply them.'}
      </Text>
    </Flex>
  );
}
