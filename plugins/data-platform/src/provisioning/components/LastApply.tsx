import { Flex, Text } from '@backstage/ui';
import type { ApplyRecord } from '@dataplatform/backstage-plugin-data-platform-common';
import { ApplyRecordSummary } from './ApplyRecordSummary';
import { ChangeResults } from './ChangeResults';

/** The resource's last apply, with the changes that did not go through. */
export function LastApply(props: { record: ApplyRecord }) {
  const { record } = props;
  const unapplied = (record.results ?? []).filter(r => r.status !== 'applied');
  return (
    <Flex direction="column" gap="1">
      <Text variant="body-small" weight="bold" as="p">
        Last apply
      </Text>
      <ApplyRecordSummary record={record} />
      {unapplied.length > 0 && <ChangeResults results={unapplied} />}
    </Flex>
  );
}
