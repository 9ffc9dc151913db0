import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import { EXAMPLES, exampleEntities } from '../../__testUtils__/examplePlatform';
import { migrateClient } from '../../database/migrations';
import { toLineageRecord } from '../CatalogSync/lineageRecord';
import { JobLease } from '../JobLease/JobLease';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../OpenLineage/ObservedLineageHandler';
import { OpenLineageIngestor } from '../OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../OpenLineage/OpenLineageValidator';
import { loadSeedFiles } from '../OpenLineage/seedFiles';
import { PiiCatalogStore, PiiCatalogRecord } from './PiiCatalogStore';
import { toPiiRecord } from './PiiCatalogSync';
import { PiiPropagator } from './PiiPropagator';
import { PiiQueries } from './PiiQueries';
import { PiiResultStore } from './PiiResultStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SEED_FILE = path.join(EXAMPLES, 'openlineage/events.ndjson');
const everyone = async () => new Set<string>();

describe.each(databases.eachSupportedId())(
  "the example platform's personal data on %s",
  databaseId => {
    it('follows the dev portal’s seed events to findings, stopping at masking', async () => {
      const db = await databases.init(databaseId);
      await migrateClient(db);
      const lineage = new DatabaseLineageStore(db);
      const ingestor = new OpenLineageIngestor({
        db,
        validator: OpenLineageValidator.fromPackage(),
        handlers: [new ObservedLineageHandler(lineage)],
      });
      const logger = mockServices.logger.mock();
      await loadSeedFiles({ files: [SEED_FILE], ingestor, logger });
      const entities = exampleEntities([
        'EventType',
        'DataEndpoint',
        'Pipeline',
      ]);
      await lineage.upsertEntities(
        entities.map(e => toLineageRecord(e, 'default')),
      );
      const catalog = new PiiCatalogStore(db);
      await catalog.put(
        entities
          .map(toPiiRecord)
          .filter((r): r is PiiCatalogRecord => r !== undefined),
      );
      const results = new PiiResultStore(db);
      const summary = await new PiiPropagator({
        db,
        catalog,
        results,
        lease: new JobLease(db, 'pii-propagation'),
        logger,
      }).recomputeAll();
      expect(summary.derivedColumns).toBeGreaterThan(0);

      const queries = new PiiQueries({ db, catalog, results });
      const hourly = await queries.endpoint(
        'dataendpoint:default/plays-hourly',
        everyone,
      );
      expect(hourly.columns.find(c => c.column === 'user_id')).toMatchObject({
        declared: 'pseudonymize',
        derived: [
          {
            certainty: 'derived',
            classification: 'pseudonymize',
            path: [
              {
                node: 'dataendpoint:default/track-played-raw',
                column: 'user_id',
              },
              { node: 'dataendpoint:default/plays-hourly', column: 'user_id' },
            ],
          },
        ],
      });
      expect(hourly.findings).toEqual([]);

      // COUNT(DISTINCT user_id) flagged as masking stops it; unflagged, not.
      const byTrack = await queries.endpoint(
        'dataendpoint:default/plays-daily-by-track',
        everyone,
      );
      expect(byTrack.columns.map(c => c.column)).not.toContain('listeners');

      const kpis = await queries.endpoint(
        'dataendpoint:default/listening-kpis',
        everyone,
      );
      expect(kpis.findings.map(f => [f.column, f.kind])).toEqual([
        ['daily_active_listeners', 'declaredNone'],
      ]);
      const errors = await queries.endpoint(
        'dataendpoint:default/playback-errors-hourly',
        everyone,
      );
      expect(errors.findings.map(f => [f.column, f.kind])).toEqual([
        ['affected_users', 'undeclared'],
      ]);
      expect(errors.findings[0].message).toBe(
        'affected_users receives pseudonymize personal data from user_id of Playback Error, raw (hourly) but has no PII mark.',
      );
    });
  },
);
