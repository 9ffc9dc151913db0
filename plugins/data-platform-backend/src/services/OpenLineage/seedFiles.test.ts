import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateClient } from '../../database/migrations';
import { toLineageRecord } from '../CatalogSync/lineageRecord';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../LineageIndex/LineageQueries';
import { ObservedLineageHandler } from './ObservedLineageHandler';
import { OpenLineageIngestor } from './OpenLineageIngestor';
import { OpenLineageValidator } from './OpenLineageValidator';
import { loadSeedFiles } from './seedFiles';
import { EXAMPLES, exampleEntities } from '../../__testUtils__/examplePlatform';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SEED_FILE = path.join(EXAMPLES, 'openlineage/events.ndjson');

describe.each(databases.eachSupportedId())(
  'the example OpenLineage seed file on %s',
  databaseId => {
    async function setup() {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const store = new DatabaseLineageStore(db);
      const ingestor = new OpenLineageIngestor({
        db,
        validator: OpenLineageValidator.fromPackage(),
        handlers: [new ObservedLineageHandler(store)],
      });
      const logger = mockServices.logger.mock();
      const load = () =>
        loadSeedFiles({ files: [SEED_FILE], ingestor, logger });
      return { db, store, ingestor, logger, load };
    }

    it('loads idempotently and maps onto the example catalog, but for the scratch table and the notebook that wrote it', async () => {
      const { db, store, ingestor, logger, load } = await setup();
      // As in a fresh dev portal: the events before the catalog sync.
      await load();
      const stored = await ingestor.eventLog.count();
      expect(stored).toBeGreaterThan(40);
      expect(logger.info).toHaveBeenLastCalledWith(
        `OpenLineage seed file ${SEED_FILE}: ${stored} events, ${stored} new`,
      );
      await load();
      expect(await ingestor.eventLog.count()).toBe(stored);
      expect(logger.info).toHaveBeenLastCalledWith(
        `OpenLineage seed file ${SEED_FILE}: ${stored} events, 0 new`,
      );

      await store.upsertEntities(
        exampleEntities().map(e => toLineageRecord(e, 'default')),
      );
      const unregistered = await db('lineage_nodes')
        .whereNull('entity_ref')
        .orderBy('ol_name')
        .select('kind', 'ol_namespace', 'ol_name');
      expect(unregistered).toEqual([
        {
          kind: 'Job',
          ol_namespace: 'spark://dataproc-adhoc',
          ol_name: 'plays_sample_notebook.execute_create_table_as_select',
        },
        {
          kind: 'Dataset',
          ol_namespace: 'bigquery',
          ol_name: 'tunewave-scratch.analyst_sandbox.plays_sample_20261125',
        },
      ]);

      const queries = new LineageQueries(db);
      const graph = await queries.graph({
        node: 'pipeline:default/label-reporting-dbt',
        direction: 'both',
        depth: 1,
        maxNodes: 50,
      });
      expect(graph.edges).toContainEqual(
        expect.objectContaining({
          from: 'pipeline:default/label-reporting-dbt',
          to: 'dataendpoint:default/artist-streams-report',
          source: 'both',
        }),
      );
      const listeners = await queries.columns({
        node: 'dataendpoint:default/plays-daily-by-track',
        column: 'listeners',
        depth: 2,
      });
      expect(listeners.upstream).toContainEqual(
        expect.objectContaining({
          from: {
            node: 'dataendpoint:default/plays-hourly',
            column: 'user_id',
          },
          via: 'pipeline:default/plays-daily-aggregate',
          transformations: expect.arrayContaining([
            {
              type: 'DIRECT',
              subtype: 'AGGREGATION',
              description: 'COUNT(DISTINCT user_id)',
              masking: true,
            },
          ]),
        }),
      );
      // Two hops up: plays-hourly.user_id comes from the raw Track Played table.
      expect(
        listeners.upstream.map(e => `${e.from.node}.${e.from.column}`),
      ).toContain('dataendpoint:default/track-played-raw.user_id');
    });

    it('refuses an invalid seed file, naming the file and the event', async () => {
      const { ingestor } = await setup();
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'ol-seed-')),
        'bad.ndjson',
      );
      fs.writeFileSync(file, '{"eventType":"START"}\n');
      await expect(
        loadSeedFiles({
          files: [file],
          ingestor,
          logger: mockServices.logger.mock(),
        }),
      ).rejects.toThrow(
        `OpenLineage seed file ${file} was refused; caused by InputError: Invalid OpenLineage event, nothing was stored: event 0 (RunEvent, eventType START): eventTime (/eventTime) is required`,
      );
    });
  },
);
