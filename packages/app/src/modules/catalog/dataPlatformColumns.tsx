import type { TableColumn } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { entityTypeLabel } from '@dataplatform/backstage-plugin-data-platform';

type ColumnsFunc<T extends object> = (
  context: EntityListContextProps,
) => TableColumn<T>[];

const label = (entity: Entity) => entityTypeLabel(entity) ?? '';

/**
 * The catalog's columns with the data platform's kinds in mind: the Type
 * column says what sort of event type, pipeline or endpoint a row is (they
 * have no `spec.type`, or a code like `pubsub-topic`), and names break
 * between words, never inside one ("Paymen t Process ed").
 */
export function withDataPlatformColumns<T extends { entity: Entity }>(
  columns: ColumnsFunc<T>,
): ColumnsFunc<T> {
  return context =>
    columns(context).map(column => {
      if (column.field === 'entity.spec.type') {
        return {
          ...column,
          render: ({ entity }) => label(entity),
          customSort: (a, b) => label(a.entity).localeCompare(label(b.entity)),
          customFilterAndSearch: (query: string, { entity }) =>
            label(entity)
              .toLocaleLowerCase('en-US')
              .includes(query.toLocaleLowerCase('en-US')),
        };
      }
      if (column.field === 'resolved.entityRef') {
        return {
          ...column,
          cellStyle: {
            minWidth: '12rem',
            wordBreak: 'normal',
            overflowWrap: 'normal',
          },
        };
      }
      return column;
    });
}
