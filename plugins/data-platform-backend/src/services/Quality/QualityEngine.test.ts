import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  emptyPartitionMetrics,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  PartitionMetadataRow,
  QualityRunner,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { migrateClient } from '../../database/migrations';
import { QualityEngine } from './QualityEngine';
import { QualityRunnerRegistry } from './QualityRunnerRegistry';
import {
  QualityCatalogStore,
  QualityEndpointRecord,
} from './store/QualityCatalogStore';
import { QualityResultStore } from './store/QualityResultStore';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T10:20:00Z');
const LAST_HOUR = Date.parse('2026-12-07T09:00:00Z');
const REF = 'dataendpoint:default/plays-hourly';

function record(checks: QualityCheck[]): QualityEndpointRecord {
  return {
    kind: 'endpoint',
    entityRef: REF,
    etag: '1',
    title: 'Plays, hourly',
    owner: 'group:default/listening',
    type: 'bigquery-table',
    address: {
      project: 'tunewave-warehouse',
      dataset: 'listening',
      table: 'plays_hourly',
    },
    partitioning: { granularity: 'HOUR', field: 'hour' },
    checks,
    fields: [{ name: 'hour', type: 'TIMESTAMP' }],
    writers: ['pipeline:default/plays-hourly-clean'],
    consumers: 3,
  };
}

/** A warehouse that keeps partition metadata, and can be told to fail. */
class MetadataWarehouse implements QualityRunner {
  readonly id = 'metadata';
  readonly title = 'the metadata warehouse';
  readonly dialect = 'bigquery' as const;
  failWith?: string;
  scans = 0;
  constructor(private readonly rows: Record<string, PartitionMetadataRow[]>) {}
  handles(table: QualityTable) {
    return table.address.project === 'tunewave-warehouse';
  }
  async runPartition() {
    this.scans++;
    if (this.failWith) throw new Error(this.failWith);
    return {
      metrics: { ...emptyPartitionMetrics(), rowCount: 40 },
      queries: [{ sql: 'SELECT 1', durationMs: 3, bytesBilled: 10_485_760 }],
    };
  }
  async partitionMetadata(tables: QualityTable[]) {
    return new Map(
      tables.map(t => [t.endpointRef, this.rows[t.endpointRef] ?? []]),
    );
  }
}

describe('QualityEngine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    checks: QualityCheck[],
    runner?: QualityRunner,
  ) {
    const db = await databases.init(databaseId);
    await migrateClient(db);
    const catalog = new QualityCatalogStore(db);
    await catalog.put([record(checks)]);
    const results = new QualityResultStore(db);
    const runners = new QualityRunnerRegistry();
    if (runner) runners.addRunner(runner);
    let now = NOW;
    const engine = new QualityEngine({
      catalog,
      results,
      runners,
      logger: mockServices.logger.mock(),
      settings: { queueBatch: 10, maxAttempts: 2, volumeWeeks: 4 },
      now: () => now,
    });
    return {
      engine,
      results,
      later: (ms: number) => {
        now += ms;
      },
    };
  }

  it.each(databases.eachSupportedId())(
    'says no runner handles a table rather than failing, %p',
    async databaseId => {
      const { engine, results } = await setup(databaseId, [
        { type: 'uniqueness', column: 'hour' },
      ]);
      await engine.request(REF, LAST_HOUR);
      expect(await engine.processQueue()).toEqual({
        checked: 1,
        failed: 0,
        left: 0,
      });
      const [result] = await results.resultsOf(REF, 0);
      expect(result).toMatchObject({
        status: 'not_run',
        source: 'none',
        message:
          'no quality runner handles tunewave-warehouse.listening.plays_hourly',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a failed run later, then records the error on every check, %p',
    async databaseId => {
      const warehouse = new MetadataWarehouse({});
      warehouse.failWith = 'Access Denied: bigquery.jobs.create';
      const { engine, results, later } = await setup(
        databaseId,
        [{ type: 'uniqueness', column: 'hour', severity: 'critical' }],
        warehouse,
      );
      await engine.request(REF, LAST_HOUR);
      expect(await engine.processQueue()).toMatchObject({ failed: 1, left: 1 });
      // Not due again before a minute has passed.
      expect(await engine.processQueue()).toMatchObject({ failed: 0, left: 1 });
      later(61_000);
      expect(await engine.processQueue()).toMatchObject({ failed: 1, left: 0 });
      const [result] = await results.resultsOf(REF, 0);
      expect(result).toMatchObject({
        status: 'error',
        severity: 'critical',
        message: 'Access Denied: bigquery.jobs.create',
      });
      const runs = await results.recentRuns(REF, 10);
      expect(runs.map(r => r.status)).toEqual(['error', 'error']);
    },
  );

  it.each(databases.eachSupportedId())(
    'judges freshness and volume from partition metadata and queues the latest scan, %p',
    async databaseId => {
      const rows: PartitionMetadataRow[] = [
        {
          partition: new Date(LAST_HOUR).toISOString(),
          rows: 3,
          lastModified: new Date(LAST_HOUR + HOUR + 5 * 60_000).toISOString(),
        },
      ];
      const warehouse = new MetadataWarehouse({ [REF]: rows });
      const { engine, results } = await setup(
        databaseId,
        [
          { type: 'freshness', maxDelay: 'PT15M' },
          { type: 'volume', minRows: 1000, severity: 'critical' },
          { type: 'null_rate', column: 'hour', maxNullRate: 0 },
        ],
        warehouse,
      );
      await engine.sweepMetadata();
      expect(warehouse.scans).toBe(0);
      const judged = (await results.resultsOf(REF, 0)).filter(
        r => r.partitionStart === LAST_HOUR,
      );
      expect(Object.fromEntries(judged.map(r => [r.name, r.status]))).toEqual({
        freshness: 'pass',
        volume: 'fail',
      });
      expect(await results.volumes(REF, 0)).toEqual([
        {
          partitionStart: LAST_HOUR,
          rows: 3,
          lastModified: LAST_HOUR + HOUR + 5 * 60_000,
        },
      ]);
      // The scan check waits in the queue for the latest complete hours.
      expect(
        (await results.due(NOW, 10)).sort(
          (a, b) => b.partitionStart - a.partitionStart,
        ),
      ).toEqual(
        [LAST_HOUR, LAST_HOUR - HOUR].map(partitionStart => ({
          endpointRef: REF,
          partitionStart,
          reason: 'scheduled',
          attempts: 0,
        })),
      );
      await engine.processQueue();
      const [run] = await results.recentRuns(REF, 1);
      expect(run).toMatchObject({
        status: 'ok',
        source: 'metadata',
        bytesBilled: 10_485_760,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'judges no partition still filling and scans it once it is complete, %p',
    async databaseId => {
      const THIS_HOUR = LAST_HOUR + HOUR;
      const warehouse = new MetadataWarehouse({
        [REF]: [
          {
            partition: new Date(LAST_HOUR).toISOString(),
            rows: 2000,
            lastModified: new Date(THIS_HOUR - 1).toISOString(),
          },
          {
            partition: new Date(THIS_HOUR).toISOString(),
            rows: 3,
            lastModified: new Date(NOW).toISOString(),
          },
        ],
      });
      const { engine, results, later } = await setup(
        databaseId,
        [
          // Late events may land up to 30 minutes after the hour.
          { type: 'freshness', maxDelay: 'PT30M' },
          { type: 'volume', minRows: 1000 },
          { type: 'uniqueness', column: 'hour' },
        ],
        warehouse,
      );
      // 10:20: 10:00 fills, and 09:00 may until 10:30.
      await engine.sweepMetadata();
      const judged = new Set(
        (await results.resultsOf(REF, 0)).map(r => r.partitionStart),
      );
      expect(judged.has(THIS_HOUR)).toBe(false);
      expect(judged.has(LAST_HOUR)).toBe(false);
      expect(judged.has(LAST_HOUR - HOUR)).toBe(true);

      // Asked to run now, the filling hour waits until it is complete.
      await engine.request(REF, THIS_HOUR);
      await engine.processQueue();
      const scansBefore = warehouse.scans;
      await engine.request(REF, THIS_HOUR);
      expect(await engine.processQueue()).toMatchObject({
        checked: 0,
        failed: 0,
      });
      expect(warehouse.scans).toBe(scansBefore);
      expect(
        (await results.resultsOf(REF, 0)).filter(
          r => r.partitionStart === THIS_HOUR,
        ),
      ).toEqual([]);

      // 11:31: 10:00 is complete; it is judged and scanned.
      later(HOUR + 11 * 60_000);
      await engine.processQueue();
      expect(warehouse.scans).toBe(scansBefore + 1);
      await engine.sweepMetadata();
      const thisHour = (await results.resultsOf(REF, 0)).filter(
        r => r.partitionStart === THIS_HOUR,
      );
      expect(
        Object.fromEntries(thisHour.map(r => [r.name, r.status])),
      ).toMatchObject({ freshness: 'pass', volume: 'fail' });
      // The scan's result (the fake measures no distinct counts).
      expect(
        thisHour.find(r => r.name === 'uniqueness:hour')?.runId,
      ).toBeDefined();

      // A partition scanned since it completed is not queued again.
      await engine.processQueue(); // 09:00, queued by that sweep
      const scans = warehouse.scans;
      await engine.sweepMetadata();
      await engine.processQueue();
      later(2 * 60_000);
      await engine.sweepMetadata();
      await engine.processQueue();
      expect(warehouse.scans).toBe(scans);
    },
  );
});
