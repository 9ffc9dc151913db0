import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Tag, TagGroup, Text } from '@backstage/ui';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { granularityInWords, retentionInWords } from '../../format/granularity';
import { MissingSpecField } from '../MissingSpecField';
import { SpecField, SpecFieldGrid } from '../SpecField';

/**
 * How a data endpoint is partitioned (time granularity, the time column and
 * further keys) and how long its data is kept. A Pub/Sub topic has no
 * partitions, so it is not asked to declare any.
 */
export function DataEndpointPartitioningCard() {
  const { entity } = useEntity<DataEndpointEntity>();
  const retention = retentionInWords(entity.spec?.retentionDays);

  return (
    <EntityInfoCard title="Partitioning & retention">
      <Flex direction="column" gap="4">
        <PartitioningFields entity={entity} />
        <SpecFieldGrid>
          <SpecField
            label="Retention"
            value={retention ?? 'Not set: kept until deleted'}
          />
        </SpecFieldGrid>
      </Flex>
    </EntityInfoCard>
  );
}

/** What the card says of the endpoint's partitions: declared, none (a topic), or how to declare them. */
function PartitioningFields(props: { entity: DataEndpointEntity }) {
  const partitioning = props.entity.spec?.partitioning;
  const keys = partitioning?.keys ?? [];
  if (partitioning) {
    return (
      <SpecFieldGrid>
        <SpecField
          label="Time partitions"
          value={
            partitioning.granularity === 'NONE'
              ? granularityInWords('NONE')
              : `${granularityInWords(partitioning.granularity)} (${
                  partitioning.granularity
                })`
          }
        />
        {partitioning.field && (
          <SpecField label="Partition column">
            <Text variant="body-medium" weight="bold">
              <code>{partitioning.field}</code>
            </Text>
          </SpecField>
        )}
        <SpecField label="Partition keys" wide>
          {keys.length > 0 ? (
            <TagGroup aria-label="Partition keys">
              {keys.map(key => (
                <Tag key={key} id={key} size="small">
                  {key}
                </Tag>
              ))}
            </TagGroup>
          ) : (
            <Text variant="body-small" color="secondary">
              Time only
            </Text>
          )}
        </SpecField>
      </SpecFieldGrid>
    );
  }
  if (props.entity.spec?.type === 'pubsub-topic') {
    return (
      <Text as="p" variant="body-medium">
        A Pub/Sub topic is a stream of messages: it has no partitions. The
        tables its events land in do.
      </Text>
    );
  }
  return (
    <MissingSpecField
      title="No partitioning declared"
      description="Partitioning tells pipelines which slice of data is complete, and the health checks when it is late."
      yaml={`spec:
  partitioning:
    granularity: DAY
    field: event_date
    keys: [country]`}
    />
  );
}
