import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import dataPlatformPlugin from '@dataplatform/backstage-plugin-data-platform';
import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineProblemWords } from './pipelineProblemWords';
import { PlainList } from './PlainList';
import { useOwnershipRefs } from './useOwnershipRefs';
import { useTeamPipelineProblems } from './useTeamPipelineProblems';

function ProblemItem({ row }: { row: OnCallRow }) {
  const entityLink = useEntityRefLink();
  return (
    <li>
      <Link href={`${entityLink(row.pipelineRef)}/health`} weight="bold">
        {row.title}
      </Link>
      <Text as="p" variant="body-small" color="secondary">
        {pipelineProblemWords(row)}
      </Text>
    </li>
  );
}

/**
 * The signed-in user's teams' pipelines that are late, failed or wrote bad
 * data now, most severe first, each leading to its Health tab; or why
 * there are none.
 */
export function TeamPipelinesCard() {
  const owners = useOwnershipRefs();
  const state = useTeamPipelineProblems(owners.value);
  const onCallPage = useRouteRef(dataPlatformPlugin.routes.pipelineHealth);
  const error = owners.error ?? state.error;
  if (error) {
    return (
      <Text as="p" color="danger">
        Could not read your teams' pipeline health: {error.message}
      </Text>
    );
  }
  const result = state.value;
  if (!result) {
    return <Text color="secondary">Reading your teams' pipelines…</Text>;
  }
  const more = result.total - result.problems.length;
  return (
    <Flex direction="column" gap="3">
      {result.problems.length > 0 ? (
        <PlainList label="Your teams' late and failed pipelines">
          {result.problems.map(row => (
            <ProblemItem key={row.pipelineRef} row={row} />
          ))}
        </PlainList>
      ) : (
        <Text as="p">
          {result.ownedPipelines === 0
            ? 'Your teams own no pipelines.'
            : `None of your teams' ${result.ownedPipelines.toLocaleString(
                'en-US',
              )} pipelines is late or failed.`}
        </Text>
      )}
      {more > 0 && (
        <Text as="p" variant="body-small" color="secondary">
          {more.toLocaleString('en-US')} more on the on-call page.
        </Text>
      )}
      {result.hidden > 0 && (
        <Text as="p" variant="body-small" color="secondary">
          {result.hidden.toLocaleString('en-US')} left out: you may not read
          them in the catalog.
        </Text>
      )}
      {onCallPage && (
        <Link href={onCallPage()}>Open your teams' on-call list</Link>
      )}
    </Flex>
  );
}
