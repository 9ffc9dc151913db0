import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { isPipelineEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { PipelineHealthCell } from './PipelineHealthCell';

/**
 * A catalog table column with each Pipeline's current health (the state the
 * on-call page shows), linked to its Health tab; the rows on screen are
 * fetched in one `POST /health/pipeline-states`. Not sortable: health is not
 * part of the catalog's entities.
 *
 * @public
 */
export function createPipelineHealthColumn<
  T extends { entity: Entity } = { entity: Entity },
>(): TableColumn<T> {
  return {
    title: 'Health',
    sorting: false,
    width: '120px',
    render: row =>
      isPipelineEntity(row.entity) ? (
        <PipelineHealthCell pipelineRef={stringifyEntityRef(row.entity)} />
      ) : null,
  };
}

/**
 * Wraps a catalog page's columns function so that the health column is
 * added when the list shows Pipelines.
 *
 * @public
 */
export function withPipelineHealthColumn<T extends { entity: Entity }>(
  columns: (context: EntityListContextProps) => TableColumn<T>[],
): (context: EntityListContextProps) => TableColumn<T>[] {
  const health = createPipelineHealthColumn<T>();
  return context => {
    const base = columns(context);
    const kind = context.filters.kind?.value?.toLocaleLowerCase('en-US');
    return kind === 'pipeline' ? [...base, health] : base;
  };
}
