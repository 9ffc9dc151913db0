import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { bigquery, runEvent } from './__fixtures__/events';
import { ingestionTestbed, validator } from './__testUtils__/ingestionTestbed';
import { ObservedLineageHandler } from './ObservedLineageHandler';
import { OpenLineageIngestor } from './OpenLineageIngestor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const RUN_A = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d60';
const RUN_B = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d61';
const enrich = { namespace: 'airflow', name: 'enrich-plays' };
const report = { namespace: 'airflow', name: 'report-plays' };

/** The observed edges, as `from -> to` by OpenLineage name or entity ref. */
async function observedEdges(db: Knex): Promise<string[]> {
  const rows = await db('lineage_edges')
    .join('lineage_nodes as f', 'f.id', 'lineage_edges.from_id')
    .join('lineage_nodes as t', 't.id', 'lineage_edges.to_id')
    .whereNotNull('lineage_edges.last_seen_at')
    .select('f.ol_name as from', 't.ol_name as to');
  return rows
    .map(r => `${r.from.split('.').pop()} -> ${r.to.split('.').pop()}`)
    .sort();
}

/** How many nodes hold each of these OpenLineage names. */
async function nodesNamed(db: Knex, names: string[]) {
  const rows = await db('lineage_nodes')
    .whereIn('ol_name', names)
    .select('ol_name');
  return Object.fromEntries(
    names.map(n => [n, rows.filter(r => r.ol_name === n).length]),
  );
}

async function lineageVersion(db: Knex): Promise<number> {
  const row = await db('lineage_version').first();
  return Number(row.version);
}

/** A second backend instance on the same database. */
function otherInstance(db: Knex) {
  return new OpenLineageIngestor({
    db,
    validator,
    handlers: [
      new ObservedLineageHandler(new DatabaseLineageStore(db), {
        resolutionMs: 0,
      }),
    ],
  });
}

describe.each(databases.eachSupportedId())(
  'lineage of a platform seen for the first time, on %s',
  databaseId => {
    const setup = () => ingestionTestbed(databases.init(databaseId));

    it('gives a dataset named twice in one batch, and a new job with its run, one node each', async () => {
      const { db, ingestor } = await setup();
      const enriched = bigquery('plays_enriched');
      const result = await ingestor.ingest([
        runEvent({
          eventType: 'START',
          runId: RUN_A,
          job: enrich,
          inputs: [bigquery('plays_raw')],
          outputs: [enriched],
        }),
        runEvent({
          eventType: 'COMPLETE',
          runId: RUN_A,
          job: enrich,
          eventTime: '2026-11-26T10:06:00.000Z',
          inputs: [bigquery('plays_raw')],
          outputs: [enriched],
        }),
        runEvent({
          eventType: 'START',
          runId: RUN_B,
          job: report,
          inputs: [enriched],
          outputs: [bigquery('plays_report')],
        }),
      ]);

      expect(result).toMatchObject({ received: 3, accepted: 3 });
      expect(
        await nodesNamed(db, [
          'tunewave-analytics.listening.plays_raw',
          'tunewave-analytics.listening.plays_enriched',
          'tunewave-analytics.listening.plays_report',
          'enrich-plays',
          'report-plays',
        ]),
      ).toEqual({
        'tunewave-analytics.listening.plays_raw': 1,
        'tunewave-analytics.listening.plays_enriched': 1,
        'tunewave-analytics.listening.plays_report': 1,
        'enrich-plays': 1,
        'report-plays': 1,
      });
      expect(await observedEdges(db)).toEqual([
        'enrich-plays -> plays_enriched',
        'plays_enriched -> report-plays',
        'plays_raw -> enrich-plays',
        'report-plays -> plays_report',
      ]);
      const runs = await db('openlineage_run_jobs').orderBy('run_id');
      expect(runs.map(r => [r.run_id, r.job_name])).toEqual([
        [RUN_A, 'enrich-plays'],
        [RUN_B, 'report-plays'],
      ]);
    });

    it('finds the nodes another instance created, and creates again those it forgot', async () => {
      const { db, ingestor } = await setup();
      const event = (runId: string, eventTime: string) =>
        runEvent({
          eventType: 'START',
          runId,
          eventTime,
          job: enrich,
          inputs: [bigquery('plays_raw')],
          outputs: [bigquery('plays_enriched')],
        });
      // Created by another instance: this one has never met these nodes.
      await otherInstance(db).ingest([event(RUN_A, '2026-11-26T10:00:00Z')]);
      await ingestor.ingest([event(RUN_B, '2026-11-26T11:00:00Z')]);
      expect(
        await nodesNamed(db, [
          'tunewave-analytics.listening.plays_raw',
          'enrich-plays',
        ]),
      ).toEqual({
        'tunewave-analytics.listening.plays_raw': 1,
        'enrich-plays': 1,
      });

      // Another instance forgets the observed lineage (a rebuild): the
      // nodes this instance met are gone and come back with the next event.
      await db.transaction(tx =>
        new DatabaseLineageStore(db).forgetObservations(tx),
      );
      expect(await observedEdges(db)).toEqual([]);
      await ingestor.ingest([
        event('0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d62', '2026-11-26T12:00:00Z'),
      ]);
      expect(await observedEdges(db)).toEqual([
        'enrich-plays -> plays_enriched',
        'plays_raw -> enrich-plays',
      ]);
    });

    it('changes the lineage version for new nodes and new edges, not for edges seen before', async () => {
      const { db, ingestor } = await setup();
      const event = (
        runId: string,
        eventTime: string,
        inputs = [bigquery('plays_raw')],
      ) =>
        runEvent({
          eventType: 'START',
          runId,
          eventTime,
          job: enrich,
          inputs,
          outputs: [bigquery('plays_enriched')],
        });
      const start = await lineageVersion(db);
      await ingestor.ingest([event(RUN_A, '2026-11-26T10:00:00Z')]);
      const afterNew = await lineageVersion(db);
      expect(afterNew).toBeGreaterThan(start);

      // The same edges an hour later: lastSeenAt moves, the graph does not.
      await ingestor.ingest([event(RUN_B, '2026-11-26T11:00:00Z')]);
      expect(await lineageVersion(db)).toBe(afterNew);

      // A new edge between nodes the index holds already.
      await ingestor.ingest([
        event('0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d62', '2026-11-26T12:00:00Z', [
          bigquery('plays_raw'),
          bigquery('plays_hourly'),
        ]),
      ]);
      expect(await lineageVersion(db)).toBeGreaterThan(afterNew);
      expect(await observedEdges(db)).toContain('plays_hourly -> enrich-plays');
    });
  },
);
