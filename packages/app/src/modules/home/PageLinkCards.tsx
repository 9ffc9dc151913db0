import { RouteRef, useRouteRef } from '@backstage/frontend-plugin-api';
import { Flex, Link, Text } from '@backstage/ui';
import dataPlatformPlugin from '@dataplatform/backstage-plugin-data-platform';

function PageLinkCard(props: {
  routeRef: RouteRef<undefined>;
  description: string;
  linkText: string;
}) {
  const page = useRouteRef(props.routeRef);
  return (
    <Flex direction="column" gap="3">
      <Text>{props.description}</Text>
      {page ? (
        <Link href={page()} weight="bold">
          {props.linkText}
        </Link>
      ) : (
        <Text color="secondary">This portal does not have that page.</Text>
      )}
    </Flex>
  );
}

/** The lineage explorer, in a sentence and a link. */
export function LineageExplorerCard() {
  return (
    <PageLinkCard
      routeRef={dataPlatformPlugin.routes.lineageExplorer}
      description="Follow an event type, pipeline or data endpoint upstream and downstream: lineage declared in the catalog and observed from OpenLineage runs, with late and failed pipelines marked."
      linkText="Open the lineage explorer"
    />
  );
}

/** The on-call page, in a sentence and a link. */
export function OnCallCard() {
  return (
    <PageLinkCard
      routeRef={dataPlatformPlugin.routes.pipelineHealth}
      description="Pipelines and partitions that are late or failed right now, since when, the upstream root cause and its owner; acknowledge, snooze or resolve their alerts."
      linkText="Open pipeline health"
    />
  );
}
