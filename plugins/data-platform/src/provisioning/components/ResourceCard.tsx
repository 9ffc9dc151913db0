import { Button, Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  blockedReason,
  type ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { changesToApply } from '../format/applySelection';
import {
  resourceName,
  resourceTypePlural,
  resourceTypeTitle,
} from '../format/resources';
import { DeliveryAnonymization } from './DeliveryAnonymization';
import { LastApply } from './LastApply';
import { PlanDetails } from './PlanDetails';
import { ResourceAddress } from './ResourceAddress';
import { ResourceStateBadge } from './StatusBadge';

const useStyles = makeStyles(
  {
    header: { flexWrap: 'wrap' },
    name: { overflowWrap: 'anywhere', margin: 0 },
  },
  { name: 'DataPlatformInfrastructureResourceCard' },
);

/** `blocked: x` as a sentence: `Blocked: x.` */
const sentence = (text: string) =>
  `${text.charAt(0).toLocaleUpperCase('en-US')}${text.slice(1)}.`;

/** Props of {@link ResourceCard}. */
export interface ResourceCardProps {
  resource: ProvisionedResource;
  /** Applying this page's entity applies this resource too. */
  appliedHere: boolean;
  canApply: boolean;
  /** Id of the text saying who may apply, for the disabled button. */
  applyReasonId?: string;
  onApply: (resourceId: string) => void;
}

/**
 * One resource: its name, type, provisioner and state, the plan (or why
 * nothing manages it), what its delivery does to personal data, its last
 * apply, and Apply for its changes alone.
 */
export function ResourceCard(props: ResourceCardProps) {
  const classes = useStyles();
  const { resource, appliedHere, canApply } = props;
  const name = resourceName(resource);
  const changes = changesToApply(resource);
  const plan = resource.provisioner ? resource.plan : undefined;
  const blocked =
    plan && resource.state === 'blocked' ? blockedReason(plan) : undefined;
  return (
    <Card aria-label={`${resourceTypeTitle(resource.type)} ${name}`}>
      <CardHeader>
        <Flex
          justify="between"
          align="start"
          gap="2"
          className={classes.header}
        >
          <div>
            <Text
              as="h3"
              variant={{ initial: 'body-large', md: 'title-x-small' }}
              weight="bold"
              className={classes.name}
            >
              <ResourceAddress name={name} />
            </Text>
            <Text variant="body-small" color="secondary" as="p">
              {resourceTypeTitle(resource.type)} ·{' '}
              {resource.provisioner
                ? `provisioned by ${resource.provisioner.title}`
                : 'no provisioner installed'}
            </Text>
          </div>
          <Flex gap="2" align="center">
            <ResourceStateBadge state={resource.state} />
            {appliedHere && changes.length > 0 && (
              <Button
                size="small"
                variant="secondary"
                isDisabled={!canApply}
                aria-label={`Apply ${plural(
                  changes.length,
                  'change',
                )} to ${name}`}
                aria-describedby={!canApply ? props.applyReasonId : undefined}
                onPress={() => props.onApply(resource.id)}
              >
                Apply
              </Button>
            )}
          </Flex>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {!resource.provisioner && (
            <Text variant="body-small" as="p">
              No provisioner for {resourceTypePlural(resource.type)} is
              installed, so nothing here creates or checks this resource. It is
              listed because the catalog describes it.
            </Text>
          )}
          {resource.error && (
            <Text variant="body-small" color="danger" as="p" role="status">
              Could not be observed in{' '}
              {resource.provisioner?.title ?? 'its provisioner'}:{' '}
              {resource.error}. What follows is from the last time it was.
            </Text>
          )}
          {!appliedHere && (
            <Text variant="body-small" color="secondary" as="p">
              Applied from the page of{' '}
              <EntityRefLink entityRef={resource.entityRef} />.
            </Text>
          )}
          {plan && <PlanDetails plan={plan} state={resource.state} />}
          {blocked && (
            <Text variant="body-small" as="p" data-blocked>
              {sentence(blocked)} Applying can do nothing here: it waits for a
              person, not for an apply.
            </Text>
          )}
          {resource.desired.type === 'delivery' && (
            <DeliveryAnonymization
              delivery={resource.desired}
              state={resource.state}
            />
          )}
          {resource.lastApply && <LastApply record={resource.lastApply} />}
        </Flex>
      </CardBody>
    </Card>
  );
}
