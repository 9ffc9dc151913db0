import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { Badge, Cell, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  DataEndpointEntity,
  isDataEndpointEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { endpointAddress } from '../../format/endpointLocation';
import { engineLabel } from '../../format/engine';
import { scheduleInWords } from '../../format/schedule';
import { EndpointAddress } from '../EndpointAddress';
import { EndpointTypeLabel } from '../EndpointTypeLabel';
import type { ReferencedEntity } from '../../hooks/useCatalogEntities';

const useStyles = makeStyles({
  missing: {
    backgroundColor: 'var(--bui-warning-bg-subdued)',
    color: 'var(--bui-warning-fg-subdued)',
  },
});

/** Optional columns of a {@link LinkedEntitiesTable}; the name column is always there. */
export type LinkedEntityColumn = 'type' | 'location' | 'owner';

/** Props of {@link LinkedEntitiesTable}. */
export interface LinkedEntitiesTableProps {
  items: ReferencedEntity[] | undefined;
  loading?: boolean;
  error?: Error;
  columns?: LinkedEntityColumn[];
  /** Shown instead of the table when there are no items. */
  emptyState: ReactNode;
}

function TypeCell(props: { item: ReferencedEntity }) {
  const { entity, ref } = props.item;
  if (entity && isDataEndpointEntity(entity)) {
    return (
      <Cell>
        <EndpointTypeLabel type={entity.spec.type} variant="body-small" />
      </Cell>
    );
  }
  if (entity && isPipelineEntity(entity)) {
    return (
      <Cell>
        <Text variant="body-small">
          {engineLabel(entity.spec?.engine)},{' '}
          {scheduleInWords(entity.spec?.schedule)}
        </Text>
      </Cell>
    );
  }
  const type = entity?.spec?.type;
  return (
    <Cell>
      <Text variant="body-small">
        {typeof type === 'string' ? type : entity?.kind ?? ref.kind}
      </Text>
    </Cell>
  );
}

/**
 * Entities an entity points at or is pointed at by, as links, with the facts
 * that tell them apart at a glance (store type, address, owner). A referenced
 * entity the catalog does not have is kept and marked.
 */
export function LinkedEntitiesTable(props: LinkedEntitiesTableProps) {
  const {
    items,
    loading,
    error,
    emptyState,
    columns = ['type', 'owner'],
  } = props;
  const classes = useStyles();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not load the linked entities"
        error={error}
      />
    );
  }
  if (!items || items.length === 0) {
    return <>{emptyState}</>;
  }

  const config: ColumnConfig<ReferencedEntity>[] = [
    {
      id: 'name',
      label: 'Name',
      isRowHeader: true,
      defaultWidth: '2fr',
      cell: item => (
        <Cell>
          <Flex align="center" gap="2">
            <EntityRefLink entityRef={item.entity ?? item.ref} />
            {!item.entity && (
              <Badge
                size="small"
                className={classes.missing}
                title="Declared in YAML, but the catalog has no entity of this name"
              >
                not in catalog
              </Badge>
            )}
          </Flex>
        </Cell>
      ),
    },
  ];
  if (columns.includes('type')) {
    config.push({
      id: 'type',
      label: 'Type',
      defaultWidth: '1fr',
      cell: item => <TypeCell item={item} />,
    });
  }
  if (columns.includes('location')) {
    config.push({
      id: 'location',
      label: 'Location',
      defaultWidth: '2fr',
      cell: item => {
        const address =
          item.entity && isDataEndpointEntity(item.entity)
            ? endpointAddress((item.entity as DataEndpointEntity).spec)
            : undefined;
        return <Cell>{address && <EndpointAddress address={address} />}</Cell>;
      },
    });
  }
  if (columns.includes('owner')) {
    config.push({
      id: 'owner',
      label: 'Owner',
      defaultWidth: '1fr',
      cell: item => (
        <Cell>
          <EntityRefLinks
            entityRefs={getEntityRelations(item.entity, RELATION_OWNED_BY)}
            defaultKind="group"
          />
        </Cell>
      ),
    });
  }

  return (
    <Table columnConfig={config} data={items} pagination={{ type: 'none' }} />
  );
}
