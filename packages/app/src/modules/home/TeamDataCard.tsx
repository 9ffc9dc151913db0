import { useRouteRef } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { Flex, Link, Text } from '@backstage/ui';
import { entityTypeLabel } from '@dataplatform/backstage-plugin-data-platform';
import { EVENT_TYPE_KIND } from '@dataplatform/backstage-plugin-data-platform-common';
import { catalogKindLink } from './catalogKinds';
import { PlainList } from './PlainList';
import { useOwnershipRefs } from './useOwnershipRefs';
import { useTeamData } from './useTeamData';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Where a user who owns nothing can go: every event type, or a new one. */
function NothingOwned() {
  const catalogIndex = useRouteRef(catalogPlugin.routes.catalogIndex);
  const template = useRouteRef(scaffolderPlugin.routes.selectedTemplate);
  return (
    <Flex direction="column" gap="2">
      <Text as="p">Your teams own no event types or data endpoints.</Text>
      {catalogIndex && (
        <Link href={catalogKindLink(catalogIndex(), EVENT_TYPE_KIND)}>
          Browse every team's event types
        </Link>
      )}
      {template && (
        <Link
          href={template({
            namespace: 'default',
            templateName: 'register-event-type',
          })}
        >
          Register an event type
        </Link>
      )}
    </Flex>
  );
}

/**
 * The event types and data endpoints the signed-in user's teams own: how
 * many, and the first of them with what sort each is.
 */
export function TeamDataCard() {
  const owners = useOwnershipRefs();
  const state = useTeamData(owners.value);
  const entityLink = useEntityRefLink();
  const error = owners.error ?? state.error;
  if (error) {
    return (
      <Text as="p" color="danger">
        Could not read your teams' entities: {error.message}
      </Text>
    );
  }
  const data = state.value;
  if (!data) return <Text color="secondary">Reading your teams' data…</Text>;
  if (data.entities.length === 0) return <NothingOwned />;
  return (
    <Flex direction="column" gap="3">
      <Text as="p">
        {plural(data.eventTypes, 'event type', 'event types')},{' '}
        {plural(data.endpoints, 'data endpoint', 'data endpoints')}
      </Text>
      <PlainList label="Your teams' event types and data endpoints">
        {data.entities.map(entity => (
          <li key={`${entity.kind}:${entity.metadata.name}`}>
            <Link href={entityLink(entity)} weight="bold">
              {entity.metadata.title ?? entity.metadata.name}
            </Link>{' '}
            <Text variant="body-small" color="secondary">
              {entityTypeLabel(entity)}
            </Text>
          </li>
        ))}
      </PlainList>
    </Flex>
  );
}
