import { Flex, Text } from '@backstage/ui';
import {
  RiBroadcastLine,
  RiDatabase2Line,
  RiFolderCloudLine,
  RiTable2,
} from '@remixicon/react';
import { endpointTypeLabel } from '../../format/endpointLocation';

const ICONS: Record<string, typeof RiTable2> = {
  'bigquery-table': RiTable2,
  'pubsub-topic': RiBroadcastLine,
  'gcs-path': RiFolderCloudLine,
};

/** The icon of a data endpoint's store type. */
export function EndpointTypeIcon(props: { type?: string; size?: number }) {
  const Icon = (props.type && ICONS[props.type]) || RiDatabase2Line;
  return <Icon size={props.size ?? 18} aria-hidden />;
}

/** A data endpoint's store type with its icon: "BigQuery table", "Pub/Sub topic", "GCS path". */
export function EndpointTypeLabel(props: {
  type?: string;
  variant?: 'body-medium' | 'body-small';
  weight?: 'regular' | 'bold';
}) {
  return (
    <Flex align="center" gap="1">
      <EndpointTypeIcon type={props.type} />
      <Text variant={props.variant ?? 'body-medium'} weight={props.weight}>
        {endpointTypeLabel(props.type)}
      </Text>
    </Flex>
  );
}
