import { Alert, Flex, Text } from '@backstage/ui';
import type { ProvisionedResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { changesToApply, nonAdditiveChanges } from '../format/applySelection';
import { changeActionLabel } from '../format/applies';
import { resourceName, resourceTypeTitle } from '../format/resources';
import { ChangeList, NOT_ADDITIVE_MEANING } from './ChangeList';

/**
 * What an apply will change, resource by resource, in the order it is
 * applied; changes that take something away are called out first.
 */
export function ApplyConfirmation(props: {
  resources: ProvisionedResource[];
  applying: boolean;
}) {
  const { resources, applying } = props;
  const risky = nonAdditiveChanges(resources);
  const refused = resources.reduce(
    (n, r) => n + (r.plan?.refusals.length ?? 0),
    0,
  );
  const changes = resources.reduce((n, r) => n + changesToApply(r).length, 0);
  return (
    <Flex direction="column" gap="3">
      {risky.length > 0 && (
        <Alert
          status="warning"
          icon
          title={`${plural(
            risky.length,
            'change is',
            'changes are',
          )} not additive`}
          description={
            <>
              {NOT_ADDITIVE_MEANING} Check {risky.length === 1 ? 'it' : 'them'}{' '}
              before applying:{' '}
              {risky
                .map(
                  c =>
                    `${changeActionLabel(c.action)} ${c.field} (${
                      c.description
                    })`,
                )
                .join('; ')}
              .
            </>
          }
        />
      )}
      {applying && (
        <Alert
          status="info"
          isPending
          title={`Applying ${plural(changes, 'change')} to ${plural(
            resources.length,
            'resource',
          )}, one resource at a time…`}
        />
      )}
      <Text variant="body-small" as="p">
        These changes will be made, in this order:
      </Text>
      {resources.map(resource => (
        <Flex key={resource.id} direction="column" gap="1">
          <Text as="h4" variant="body-medium" weight="bold">
            {resourceName(resource)}{' '}
            <Text as="span" variant="body-small" color="secondary">
              ({resourceTypeTitle(resource.type)})
            </Text>
          </Text>
          <ChangeList changes={changesToApply(resource)} />
        </Flex>
      ))}
      {refused > 0 && (
        <Text variant="body-small" color="secondary" as="p">
          {refused === 1
            ? '1 refused difference stays as it is: no apply makes it.'
            : `${refused} refused differences stay as they are: no apply makes them.`}
        </Text>
      )}
    </Flex>
  );
}
