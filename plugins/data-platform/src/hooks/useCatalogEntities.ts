import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';

/** A referenced entity, and the entity itself when the catalog has it. */
export interface ReferencedEntity {
  /** The stringified ref: a stable row id. */
  id: string;
  ref: CompoundEntityRef;
  /** Undefined when the catalog has no entity of that ref. */
  entity?: Entity;
}

/**
 * Fetches the entities behind a list of refs in one catalog request, keeping
 * the refs the catalog does not know so that a typo in YAML shows up as such
 * instead of silently vanishing.
 */
export function useCatalogEntities(refs: CompoundEntityRef[]): {
  items: ReferencedEntity[] | undefined;
  loading: boolean;
  error?: Error;
} {
  const catalogApi = useApi(catalogApiRef);
  const ids = useMemo(() => refs.map(ref => stringifyEntityRef(ref)), [refs]);
  const key = ids.join('\n');
  const { value, loading, error } = useAsync(async () => {
    if (ids.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: ids });
    return ids.map((id, i) => ({
      id,
      ref: refs[i],
      entity: items[i] ?? undefined,
    }));
    // refs are identified by their stringified form
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
  return { items: value, loading, error };
}
