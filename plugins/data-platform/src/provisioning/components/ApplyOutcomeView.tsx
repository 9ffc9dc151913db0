import { Alert, Flex, Text } from '@backstage/ui';
import type { ApplyOutcome } from '../hooks/useApplyProvisioning';
import { resourceName } from '../format/resources';
import { ApplyRecordSummary } from './ApplyRecordSummary';
import { ChangeResults } from './ChangeResults';

/** How an apply ended: each resource's result change by change, or why it failed. */
export function ApplyOutcomeView(props: { outcome: ApplyOutcome }) {
  const { outcome } = props;
  if (outcome.status === 'error') {
    return (
      <Alert
        status="danger"
        icon
        role="alert"
        title={outcome.title}
        description={outcome.description}
      />
    );
  }
  const { applies } = outcome.response;
  if (applies.length === 0) {
    return (
      <Alert
        status="info"
        icon
        role="status"
        title="Nothing was applied."
        description="When the backend looked again, there was nothing left to change, or another apply of these resources was under way. The states on the page are current."
      />
    );
  }
  const failed = applies.filter(a => a.status !== 'applied').length;
  return (
    <Flex direction="column" gap="3">
      <Alert
        status={failed ? 'warning' : 'success'}
        icon
        role="status"
        title={
          failed
            ? 'Some changes did not go through; the others stay applied.'
            : 'Applied.'
        }
      />
      {applies.map(record => (
        <Flex key={record.id} direction="column" gap="1">
          <Text as="h4" variant="body-medium" weight="bold">
            {resourceName({ id: record.resourceId, type: record.plan.type })}
          </Text>
          <ApplyRecordSummary record={record} />
          <ChangeResults results={record.results ?? []} />
        </Flex>
      ))}
    </Flex>
  );
}
