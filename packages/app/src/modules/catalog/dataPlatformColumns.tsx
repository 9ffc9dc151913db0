import type { TableColumn } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { entityTypeLabel } from '@dataplatform/backstage-plugin-data-platform';

type ColumnsFunc<T extends object> = (
  context: EntityListContextProps,
) => TableColumn<T>[];

const label = (entity: Entity) => entityTypeLabel(entity) ?? '';

/**
 * Words stay whole in these columns; the name gets room for a few of them,
 * the others as wide as their longest word, so the table still fits 1440 px.
 */
const WHOLE_WORDS = { wordBreak: 'normal', overflowWrap: 'normal' } as const;
const MIN_WIDTHS: Record<string, string> = {
  'resolved.entityRef': '12rem',
  'resolved.partOfSystemRelationTitle': 'auto',
  'resolved.ownedByRelationsTitle': 'auto',
};

/**
 * The catalog's columns with the data platform's kinds in mind: the Type
 * column says what sort of event type, pipeline or endpoint a row is (they
 * have no `spec.type`, or a code like `pubsub-topic`), and the name, system
 * and owner break between words, never inside one ("Paymen t Process ed").
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
      const minWidth = column.field
        ? MIN_WIDTHS[String(column.field)]
        : undefined;
      if (minWidth) {
        return { ...column, cellStyle: { ...WHOLE_WORDS, minWidth } };
      }
      return column;
    });
}
