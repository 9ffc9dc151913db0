import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { swappableCatalog } from '../../CatalogSync/__testUtils__/swappableCatalog';
import { migrated } from '../__testUtils__/healthTestbed';
import { PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';
import { PipelineCatalogSync } from './PipelineCatalogSync';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function pipeline(
  name: string,
  stamp: string,
  options: { etag?: string; schedule?: boolean; output?: string } = {},
): Entity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'Pipeline',
    metadata: {
      name,
      namespace: 'default',
      etag: options.etag ?? 'v1',
      annotations: { 'dataplatform.io/changed-at': stamp },
    },
    spec: {
      owner: 'group:default/insights',
      lifecycle: 'production',
      engine: 'bigquery',
      ...(options.schedule === false
        ? {}
        : { schedule: { type: 'daily' as const } }),
      inputs: ['plays-raw'],
      outputs: [options.output ?? `${name}-out`],
    },
  };
}

describe.each(databases.eachSupportedId())(
  'pipeline health catalog sync on %s',
  databaseId => {
    async function setup(entities: Entity[]) {
      const db = await migrated(await databases.init(databaseId));
      const pipelines = new PipelineStore(db);
      const { catalog, replace, takeFetched } = swappableCatalog(entities);
      const sync = new PipelineCatalogSync({
        catalog,
        auth: mockServices.auth(),
        pipelines,
        runs: new RunStore(db),
        logger: mockServices.logger.mock(),
        defaultJobNamespace: 'airflow',
        now: () => Date.parse('2026-11-27T10:00:00Z'),
      });
      return {
        pipelines,
        replace,
        takeFetched,
        run: () => sync.run(),
      };
    }

    const T0 = '2026-11-27T09:00:00.000Z';
    const T1 = '2026-11-27T09:59:00.000Z';

    it('reads only recently stamped pipelines once it holds the others', async () => {
      const platform = [
        pipeline('plays-daily', '2026-11-27T07:00:00.000Z'),
        pipeline('plays-weekly', T0),
        pipeline('unscheduled', '2026-11-27T07:00:00.000Z', {
          schedule: false,
        }),
      ];
      const sync = await setup(platform);
      expect(await sync.run()).toEqual({
        mode: 'full',
        seen: 3,
        updated: 2,
        removed: 0,
      });
      // The unscheduled pipeline is declined, and still counts as followed.
      expect(await sync.run()).toEqual({
        mode: 'changes',
        seen: 0,
        updated: 0,
        removed: 0,
      });

      sync.takeFetched();
      sync.replace([
        platform[0],
        pipeline('plays-weekly', T1, { etag: 'v2', output: 'weekly-v2' }),
        platform[2],
      ]);
      expect(await sync.run()).toMatchObject({ mode: 'changes', updated: 1 });
      expect(sync.takeFetched()).toEqual(['pipeline:default/plays-weekly']);
      const weekly = (await sync.pipelines.all()).find(
        p => p.entityRef === 'pipeline:default/plays-weekly',
      );
      expect(weekly?.outputs).toEqual(['dataendpoint:default/weekly-v2']);

      // A pipeline that loses its schedule is no longer judged.
      sync.replace([
        platform[0],
        pipeline('plays-weekly', '2026-11-27T09:59:30.000Z', {
          etag: 'v3',
          schedule: false,
        }),
        platform[2],
      ]);
      expect(await sync.run()).toMatchObject({ mode: 'changes', updated: 0 });
      expect([...(await sync.pipelines.etags()).keys()]).toEqual([
        'pipeline:default/plays-daily',
      ]);
      expect(await sync.run()).toMatchObject({ mode: 'changes' });

      sync.replace([platform[1], platform[2]]);
      expect(await sync.run()).toMatchObject({ mode: 'full', removed: 1 });
      expect([...(await sync.pipelines.etags()).keys()]).toEqual([
        'pipeline:default/plays-weekly',
      ]);
    });
  },
);
