import { Button, Flex, Text } from '@backstage/ui';
import type { OnCallView } from './useOnCallView';

/**
 * The on-call list when nothing matches: says what was asked for, and
 * offers to widen it to all teams or to healthy pipelines.
 */
export function NothingOnCall(props: { view: OnCallView }) {
  const { scope, show, choose } = props.view;
  return (
    <Flex direction="column" gap="2" align="start" p="4">
      <Text variant="body-medium" weight="bold">
        {show === 'problems'
          ? `Nothing is late or failed${
              scope === 'mine' ? ' for your teams' : ''
            } right now.`
          : `No pipelines${scope === 'mine' ? ' owned by your teams' : ''}.`}
      </Text>
      <Flex gap="2">
        {scope === 'mine' && (
          <Button
            size="small"
            variant="secondary"
            onPress={() => choose('teams', 'all')}
          >
            Show all teams
          </Button>
        )}
        {show === 'problems' && (
          <Button
            size="small"
            variant="secondary"
            onPress={() => choose('show', 'all')}
          >
            Show healthy pipelines too
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
