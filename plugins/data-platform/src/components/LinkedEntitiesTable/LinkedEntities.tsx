import type { CompoundEntityRef } from '@backstage/catalog-model';
import { Flex, Text } from '@backstage/ui';
import { useCatalogEntities } from '../../hooks/useCatalogEntities';
import {
  LinkedEntitiesTable,
  LinkedEntitiesTableProps,
} from './LinkedEntitiesTable';

/**
 * The entities behind `refs`, fetched from the catalog in one request, as a
 * {@link LinkedEntitiesTable}; under a heading when given one (a card with
 * two lists: "Reads from", "Writes to").
 */
export function LinkedEntities(
  props: {
    refs: CompoundEntityRef[];
    heading?: string;
  } & Pick<LinkedEntitiesTableProps, 'columns' | 'emptyState'>,
) {
  const { items, loading, error } = useCatalogEntities(props.refs);
  const table = (
    <LinkedEntitiesTable
      items={items}
      loading={loading}
      error={error}
      columns={props.columns}
      emptyState={props.emptyState}
    />
  );
  if (!props.heading) return table;
  return (
    <Flex direction="column" gap="2">
      <Text as="h4" variant="body-medium" weight="bold">
        {props.heading}
      </Text>
      {table}
    </Flex>
  );
}
