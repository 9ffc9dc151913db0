import { Progress } from '@backstage/core-components';
import { Flex, Link, Text } from '@backstage/ui';
import { relativeTime, timestampLabel } from '../../format/time';
import { partitionInWords } from '../checks/partitionWords';
import { STATUS_PRESENTATION } from '../format/presentation';
import { useQualityTabLink } from '../links';
import { QualityScoreBadge } from '../score/ScoreBadge';
import { latestFailures } from './latestFailures';
import { useQualitySummary } from './useQualitySummary';

/**
 * The top of the quality card: the score now and the latest failures,
 * linked to the Quality tab. Nothing when the app has no quality API.
 */
export function QualitySummary(props: {
  endpointRef: string;
  granularity?: string;
}) {
  const { endpointRef, granularity } = props;
  const { available, value, loading, error } = useQualitySummary(endpointRef);
  const qualityTab = useQualityTabLink();
  if (!available) return null;
  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <Text variant="body-small" color="warning">
        Could not load the quality score ({error?.message ?? 'no answer'}).
      </Text>
    );
  }
  const failures = latestFailures(value);
  return (
    <Flex direction="column" gap="2">
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        {value.score ? (
          <>
            <QualityScoreBadge score={value.score.score} size="large" />
            <Text variant="body-small" color="secondary">
              Quality score for {value.score.day}
            </Text>
          </>
        ) : (
          <Text variant="body-small">No quality score yet.</Text>
        )}
        <Link href={qualityTab(endpointRef)} variant="body-small">
          Open the Quality tab
        </Link>
      </Flex>
      {failures.length > 0 ? (
        <Flex direction="column" gap="1">
          <Text variant="body-small" weight="bold">
            Latest failures
          </Text>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {failures.map(r => (
              <li key={`${r.name}\u0000${r.source}\u0000${r.partition}`}>
                <Text variant="body-small">
                  {STATUS_PRESENTATION[r.status].glyph} {r.name} on{' '}
                  {partitionInWords(r.partition, granularity)}: {r.message}{' '}
                  <span title={timestampLabel(r.evaluatedAt)}>
                    ({relativeTime(r.evaluatedAt)})
                  </span>
                </Text>
              </li>
            ))}
          </ul>
        </Flex>
      ) : (
        value.results.length > 0 && (
          <Text variant="body-small" color="secondary">
            No failures among the latest results.
          </Text>
        )
      )}
    </Flex>
  );
}
