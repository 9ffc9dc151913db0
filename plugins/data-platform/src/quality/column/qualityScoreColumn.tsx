import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { isDataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { QualityScoreCell } from './QualityScoreCell';

/** Options of {@link createQualityScoreColumn}. */
export interface QualityScoreColumnOptions {
  /** The column's title; default "Quality". */
  title?: string;
}

/**
 * A catalog table column with each DataEndpoint's quality score, linked to
 * its Quality tab; the scores of the rows on screen are fetched in one
 * `POST /quality/scores`. Other kinds' rows stay empty. Not sortable: the
 * scores are not part of the catalog's entities.
 *
 * @public
 */
export function createQualityScoreColumn<
  T extends { entity: Entity } = { entity: Entity },
>(options: QualityScoreColumnOptions = {}): TableColumn<T> {
  return {
    title: options.title ?? 'Quality',
    sorting: false,
    width: '100px',
    render: row =>
      isDataEndpointEntity(row.entity) ? (
        <QualityScoreCell entityRef={stringifyEntityRef(row.entity)} />
      ) : null,
  };
}

/**
 * Wraps a catalog page's columns function (e.g. the catalog's
 * `CatalogTable.defaultColumnsFunc`) so that the quality column is added
 * when the list shows DataEndpoints.
 *
 * @public
 */
export function withQualityScoreColumn<T extends { entity: Entity }>(
  columns: (context: EntityListContextProps) => TableColumn<T>[],
  options: QualityScoreColumnOptions = {},
): (context: EntityListContextProps) => TableColumn<T>[] {
  const quality = createQualityScoreColumn<T>(options);
  return context => {
    const base = columns(context);
    const kind = context.filters.kind?.value?.toLocaleLowerCase('en-US');
    return kind === 'dataendpoint' ? [...base, quality] : base;
  };
}
