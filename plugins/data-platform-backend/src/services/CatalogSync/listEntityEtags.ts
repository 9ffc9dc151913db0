import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const PAGE = 1000;
/** Every page asks for these: the catalog does not keep `fields` in its cursor. */
export const LIST_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

/**
 * Ref -> etag of every entity matching any of `filters`, listed through the
 * catalog in cursor pages of refs and etags only: what an incremental sync
 * compares with what it has before fetching whole entities.
 */
export async function listEntityEtags(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  filters: EntityFilterQuery[],
): Promise<Map<string, string>> {
  const etags = new Map<string, string>();
  for (const filter of filters) {
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, fields: LIST_FIELDS, limit: PAGE }
          : { filter, fields: LIST_FIELDS, limit: PAGE, totalItems: 'exclude' },
        { credentials },
      );
      for (const entity of page.items) {
        etags.set(stringifyEntityRef(entity), entity.metadata.etag ?? '');
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
  }
  return etags;
}
