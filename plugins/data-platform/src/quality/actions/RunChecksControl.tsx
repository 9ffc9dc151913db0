import { useState } from 'react';
import { Button, Flex, Select, Text } from '@backstage/ui';
import type { EndpointQuality } from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionInWords } from '../checks/partitionWords';
import { runPartitions } from './runPartitions';

function queuedInWords(queued: number): string {
  return `Queued: ${queued} partition${
    queued === 1 ? '' : 's'
  } waiting to be checked.`;
}

/**
 * "Run checks now" for those who may (the endpoint's owners and holders of
 * `dataplatform.quality.run`), on a partition picked from the grid's (a
 * partitioned table) or the whole table; and how many partitions wait in
 * the queue.
 */
export function RunChecksControl(props: {
  quality: EndpointQuality;
  partitioned: boolean;
  granularity?: string;
  pending: boolean;
  onRun(partition?: string): void;
}) {
  const { quality, partitioned, granularity } = props;
  const options = partitioned
    ? runPartitions(
        quality.partitions.filter(
          p => !quality.filling?.some(f => f.partition === p),
        ),
        granularity,
      )
    : [];
  const [picked, setPicked] = useState<string>();
  const partition = picked ?? options[0];
  const queued = quality.queued > 0 && (
    <Text variant="body-small" color="secondary" aria-live="polite">
      {queuedInWords(quality.queued)}
    </Text>
  );
  if (!quality.runner || quality.checks.length === 0) return queued || null;
  if (!quality.canRun) {
    return (
      <Flex direction="column" gap="1">
        {queued}
        <Text variant="body-x-small" color="secondary">
          The endpoint's owners and holders of the dataplatform.quality.run
          permission can run its checks now; otherwise they run when a partition
          lands and every hour.
        </Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Flex align="end" gap="2" style={{ flexWrap: 'wrap' }}>
        {partitioned && options.length > 0 && (
          <Select
            label="Partition"
            size="small"
            options={options.map(p => ({
              value: p,
              label: partitionInWords(p, granularity),
            }))}
            value={partition}
            onChange={key => key && setPicked(String(key))}
            style={{ minWidth: 200 }}
          />
        )}
        <Button
          variant="primary"
          size="small"
          isPending={props.pending}
          isDisabled={partitioned && !partition}
          onPress={() => props.onRun(partitioned ? partition : undefined)}
        >
          Run checks now
        </Button>
      </Flex>
      {queued}
    </Flex>
  );
}
