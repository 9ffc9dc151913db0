import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { listEntityEtags } from './listEntityEtags';

function entity(kind: string, name: string): Entity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', etag: `etag-${name}` },
    spec: { owner: 'team-a', lifecycle: 'production' },
  };
}

describe('listEntityEtags', () => {
  const pipelines = Array.from({ length: 2500 }, (_, i) =>
    entity('Pipeline', `p-${i}`),
  );
  const endpoints = Array.from({ length: 30 }, (_, i) =>
    entity('DataEndpoint', `d-${i}`),
  );
  const others = [entity('Component', 'website')];

  it('lists refs and etags of every match, across pages and filters, and only those fields on every page', async () => {
    const catalog = catalogServiceMock({
      entities: [...pipelines, ...endpoints, ...others],
    });
    // Records what each page carried (the catalog keeps `fields` out of its cursor).
    const served: Entity[] = [];
    const queryEntities = catalog.queryEntities.bind(catalog);
    catalog.queryEntities = async (request, options) => {
      const page = await queryEntities(request, options);
      served.push(...page.items);
      return page;
    };

    const etags = await listEntityEtags(catalog, mockCredentials.service(), [
      { kind: 'pipeline' },
      { kind: 'dataendpoint' },
    ]);

    expect(etags.size).toBe(2530);
    expect(etags.get('pipeline:default/p-2499')).toBe('etag-p-2499');
    expect(etags.get('dataendpoint:default/d-0')).toBe('etag-d-0');
    expect(etags.has('component:default/website')).toBe(false);
    expect(served).toHaveLength(2530);
    expect(served.every(e => e.spec === undefined)).toBe(true);
  });

  it('returns an empty map when nothing matches', async () => {
    const catalog = catalogServiceMock({ entities: others });
    const etags = await listEntityEtags(catalog, mockCredentials.service(), [
      { kind: 'pipeline' },
    ]);
    expect(etags.size).toBe(0);
  });
});
