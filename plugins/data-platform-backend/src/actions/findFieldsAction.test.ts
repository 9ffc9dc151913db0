import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { migrateClient } from '../database/migrations';
import { CatalogReadAccess } from '../services/CatalogReadAccess';
import { restrictedLabelReads } from '../services/LineageIndex/__testUtils__/restrictedLabelReads';
import { DatabaseSchemaFieldStore } from '../services/SchemaFieldIndex/DatabaseSchemaFieldStore';
import { SchemaFieldSearch } from '../services/SchemaFieldIndex/SchemaFieldSearch';
import { SchemaFieldSync } from '../services/SchemaFieldIndex/SchemaFieldSync';
import { registerFindFieldsAction } from './findFieldsAction';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const apiVersion = 'dataplatform.io/v1alpha1';
const endpoint = (name: string, labels?: Record<string, string>): Entity => ({
  apiVersion,
  kind: 'DataEndpoint',
  metadata: { name, namespace: 'default', etag: 'v1', labels },
  spec: {
    owner: 'group:default/insights',
    lifecycle: 'production',
    type: 'bigquery-table',
    location: { project: 'acme-data', dataset: 'music', table: name },
    schema: {
      fields: [
        { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
        { name: 'country', type: 'STRING' },
      ],
    },
  },
});

describe('find-fields action', () => {
  async function setup() {
    const db = await databases.init('SQLITE_3');
    await migrateClient(db);
    const catalog = catalogServiceMock({
      entities: [
        endpoint('plays-daily'),
        endpoint('payroll', { restricted: 'true' }),
      ],
    });
    // The catalog applies the policy's condition to the caller's reads.
    const catalogAsCaller: CatalogService = {
      ...catalog,
      getEntitiesByRefs: async (
        request: { entityRefs: string[] },
        options: { credentials: BackstageCredentials },
      ) => {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: request.entityRefs },
          options,
        );
        const principal = options.credentials.principal as { type: string };
        const isUser = principal.type === 'user';
        return {
          items: items.map(e =>
            isUser && e?.metadata.labels?.restricted ? undefined : e,
          ),
        };
      },
    };
    const store = new DatabaseSchemaFieldStore(db);
    await new SchemaFieldSync({
      catalog,
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
    }).run();
    const registry = actionsRegistryServiceMock();
    registerFindFieldsAction({
      actionsRegistry: registry,
      search: new SchemaFieldSearch({
        store,
        access: new CatalogReadAccess({
          permissions: restrictedLabelReads,
          catalog: catalogAsCaller,
        }),
      }),
    });
    return registry;
  }

  it('finds fields by name as the caller, leaving out what they may not read', async () => {
    const registry = await setup();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name)).toEqual(['find-fields']);
    expect(actions[0].attributes).toMatchObject({ readOnly: true });

    const asUser = await registry.invoke({
      id: 'test:find-fields',
      input: { query: 'USER_ID' },
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect(asUser.output).toEqual({
      fields: [
        {
          path: 'user_id',
          type: 'STRING',
          mode: 'NULLABLE',
          pii: 'pseudonymize',
          entityRef: 'dataendpoint:default/plays-daily',
          entityKind: 'DataEndpoint',
          entityTitle: 'plays-daily',
          owner: 'group:default/insights',
          schemaRef: 'dataendpoint:default/plays-daily',
        },
      ],
      hasMore: false,
    });

    const asService = await registry.invoke({
      id: 'test:find-fields',
      input: { query: 'user_id', owner: 'insights', pii: 'personal' },
      credentials: mockCredentials.service(),
    });
    expect(
      (asService.output as { fields: { entityRef: string }[] }).fields.map(
        f => f.entityRef,
      ),
    ).toEqual([
      'dataendpoint:default/payroll',
      'dataendpoint:default/plays-daily',
    ]);
  });

  it('refuses input outside its schema', async () => {
    const registry = await setup();
    await expect(
      registry.invoke({
        id: 'test:find-fields',
        input: { query: '', kind: 'Pipeline' },
        credentials: mockCredentials.user(),
      }),
    ).rejects.toThrow(/query|kind/);
  });
});
