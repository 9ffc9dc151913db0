import { Flex, Text } from '@backstage/ui';
import type { ApplyRecord } from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { relativeTime, timestampLabel } from '../../format/time';
import { appliedBy } from '../format/applies';
import { ApplyStatusBadge } from './StatusBadge';

/**
 * One apply in a line: its status, when (exact time on hover), who and
 * how, and how many changes it made.
 */
export function ApplyRecordSummary(props: {
  record: ApplyRecord;
  /** Put before the line, e.g. the resource it applied. */
  prefix?: string;
}) {
  const { record, prefix } = props;
  const at = record.finishedAt ?? record.startedAt;
  const changes = record.results?.length ?? record.plan.changes.length;
  return (
    <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
      <ApplyStatusBadge status={record.status} />
      <Text variant="body-small">
        {prefix}
        <time dateTime={at} title={timestampLabel(at)}>
          {relativeTime(at)}
        </time>{' '}
        by {appliedBy(record)}: {plural(changes, 'change')}
      </Text>
    </Flex>
  );
}
