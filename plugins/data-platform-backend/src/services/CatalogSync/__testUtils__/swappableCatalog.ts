import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * A catalog service (Backstage's in-memory mock) whose entities a test
 * replaces between sync passes, recording the refs fetched whole.
 */
export function swappableCatalog(entities: Entity[]) {
  let current = catalogServiceMock({ entities });
  let fetched: string[] = [];
  const catalog = new Proxy({} as CatalogService, {
    get: (_target, name: keyof CatalogService) => {
      if (name === 'getEntitiesByRefs') {
        return (request: { entityRefs: string[] }, options: any) => {
          fetched.push(...request.entityRefs);
          return current.getEntitiesByRefs(request, options);
        };
      }
      return (current[name] as Function).bind(current);
    },
  });
  return {
    catalog,
    replace(next: Entity[]) {
      current = catalogServiceMock({ entities: next });
    },
    /** The refs fetched whole since the last call, sorted. */
    takeFetched(): string[] {
      const taken = fetched.sort();
      fetched = [];
      return taken;
    },
  };
}
