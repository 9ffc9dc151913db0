import { Button, Flex, Text } from '@backstage/ui';
import type {
  EndpointQuality,
  VolumePoint,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionInWords } from '../checks/partitionWords';
import { VolumeBandChart } from './VolumeBandChart';
import { partitionsOutsideBand } from './volumeFacts';
import { volumeSummary } from './volumeSummary';

/**
 * The volume band: a sentence on the latest partition against its band,
 * the chart, and the partitions outside it, each with "Mark as normal"
 * (for those who may run checks), which teaches the band that count.
 */
export function VolumeSection(props: {
  quality: EndpointQuality;
  granularity?: string;
  pendingPartition?: string;
  onMarkNormal(point: VolumePoint): void;
}) {
  const { quality, granularity } = props;
  const volume = quality.volume;
  if (!volume) return null;
  const summary = volumeSummary(volume, granularity);
  const outside = partitionsOutsideBand(quality);
  return (
    <Flex direction="column" gap="3">
      <Text variant="body-small">{summary}</Text>
      {volume.history.length > 0 && (
        <>
          <VolumeBandChart
            volume={volume}
            granularity={granularity}
            description={summary}
          />
          <Text variant="body-x-small" color="secondary">
            Grey dots: rows per partition. Blue: the partitions the band was
            learned from. Bar: the expected band of the latest partition.
            Ringed: marked as normal.
          </Text>
        </>
      )}
      {outside.map(point => (
        <Flex
          key={point.partition}
          align="center"
          gap="2"
          style={{ flexWrap: 'wrap' }}
        >
          <Text variant="body-small">
            {partitionInWords(point.partition, granularity)}:{' '}
            {point.rows.toLocaleString('en-US')} rows, outside the expected
            volume.
          </Text>
          {quality.canRun && (
            <Button
              size="small"
              variant="secondary"
              isPending={props.pendingPartition === point.partition}
              aria-label={`Mark as normal: ${partitionInWords(
                point.partition,
                granularity,
              )}`}
              onPress={() => props.onMarkNormal(point)}
            >
              Mark as normal
            </Button>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
