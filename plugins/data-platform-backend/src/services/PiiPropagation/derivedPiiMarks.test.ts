import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DataEndpointEntity,
  desiredResources,
  DesiredResourceOf,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { derivedPiiLookup, withDerivedPii } from './derivedPiiMarks';
import { piiTestbed } from './__testUtils__/piiTestbed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const table = (name: string, fields: { name: string; pii?: any }[]) =>
  ({
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'bigquery-table',
      owner: 'group:default/listening',
      lifecycle: 'production',
      location: { project: 'acme-data', dataset: 'music', table: name },
      schema: {
        fields: fields.map(f => ({ type: 'STRING', ...f })),
      },
    },
  } as DataEndpointEntity);

describe.each(databases.eachSupportedId())(
  'derived PII in provisioning on %s',
  id => {
    it('marks the desired table columns that personal data reaches', async () => {
      const bed = await piiTestbed(await databases.init(id));
      await bed.endpoint('users', { email: 'drop' });
      await bed.endpoint('mailing', { contact: null, hashed: null });
      await bed.endpoint('counts', { country: null });
      await bed.flow('mail', 'users', 'mailing', [
        ['email', 'contact'],
        ['email', 'hashed', 'masked'],
      ]);
      await bed.flow('count', 'users', 'counts', []);
      await bed.propagator.recomputeAll();

      const catalog = {
        endpoints: [
          table('mailing', [{ name: 'contact' }, { name: 'hashed' }]),
          table('counts', [{ name: 'country' }]),
        ],
        eventTypes: [],
        pipelines: [],
      };
      const source = withDerivedPii(
        { readAll: async () => catalog, readAround: async () => catalog },
        derivedPiiLookup(bed.db),
      );
      const { resources } = desiredResources(await source.readAll());
      const tables = resources.filter(
        r => r.type === 'bigquery-table',
      ) as DesiredResourceOf<'bigquery-table'>[];
      expect(
        tables.map(t => [t.spec.table, t.spec.fields.map(f => f.pii ?? '-')]),
      ).toEqual([
        ['mailing', ['drop', '-']],
        // "May contain" names no column: nothing to tag.
        ['counts', ['-']],
      ]);
    });
  },
);
