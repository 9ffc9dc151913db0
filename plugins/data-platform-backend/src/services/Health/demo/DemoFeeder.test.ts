import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { toLineageRecord } from '../../CatalogSync/lineageRecord';
import { DatabaseLineageStore } from '../../LineageIndex/DatabaseLineageStore';
import { PipelineCatalogSync } from '../catalog/PipelineCatalogSync';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';
import { HealthSweep } from '../sweep/HealthSweep';
import {
  createIngestor,
  migrated,
  RecordingNotifications,
  testSettings,
} from '../__testUtils__/healthTestbed';
import { DemoFeeder } from './DemoFeeder';
import { exampleEntities } from '../../../__testUtils__/examplePlatform';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CLEAN = 'pipeline:default/plays-hourly-clean';
const DAILY = 'pipeline:default/plays-daily-aggregate';
const DBT = 'pipeline:default/subscriber-cohorts-dbt';

describe.each(databases.eachSupportedId())(
  'the demo feeder on %p',
  databaseId => {
    // Early morning (daily deadlines not passed yet), just after the dbt
    // pipeline's day ended (06:00 UTC) before its run for it, mid-morning
    // and evening.
    it.each([
      '2026-11-26T03:10:00Z',
      '2026-11-26T06:05:00Z',
      '2026-11-26T09:17:00Z',
      '2026-11-26T21:45:00Z',
    ])(
      'makes a fresh portal show a failing pipeline and a late one with a late upstream (%s)',
      async startIso => {
        const start = Date.parse(startIso);
        const db = await migrated(await databases.init(databaseId));
        const entities = exampleEntities();
        const catalog = catalogServiceMock({ entities });
        const auth = mockServices.auth();
        const logger = mockServices.logger.mock();
        await new DatabaseLineageStore(db).upsertEntities(
          entities.map(e => toLineageRecord(e, 'default')),
        );
        await new PipelineCatalogSync({
          catalog,
          auth,
          pipelines: new PipelineStore(db),
          runs: new RunStore(db),
          logger,
          defaultJobNamespace: 'default',
          now: () => start,
        }).run();
        const feeder = new DemoFeeder({
          catalog,
          auth,
          ingestor: createIngestor(db),
          logger,
          settings: {
            enabled: true,
            stalled: [CLEAN],
            failing: [DBT],
            historyDays: 3,
          },
          defaultSla: 'PT3H',
          defaultJobNamespace: 'default',
        });
        const notifications = new RecordingNotifications();
        const sweep = new HealthSweep(db, testSettings(), notifications);

        const first = await feeder.tick(start);
        expect(first.accepted).toBeGreaterThan(500);
        await sweep.run(start + 60_000);
        // A minute later the feeder sends only what happened since; replays are skipped.
        const second = await feeder.tick(start + 60_000);
        expect(second.sent).toBeLessThan(first.sent / 10);
        await sweep.run(start + 120_000);

        const live = await new AlertStore(db).live();
        const alert = (ref: string) => live.find(a => a.pipelineRef === ref);
        expect(alert(DBT)).toMatchObject({
          problem: 'failed',
          rootCauseRef: undefined,
        });
        expect(alert(CLEAN)).toMatchObject({
          problem: 'late',
          rootCauseRef: undefined,
        });
        expect(alert(DAILY)).toMatchObject({
          problem: 'late',
          rootCauseRef: CLEAN,
        });
        // Only the scenario's pipelines and what depends on them have problems.
        const healthy = (await new PipelineStore(db).all()).filter(
          p => !p.status.problem,
        );
        expect(healthy.length).toBeGreaterThan(20);
        for (const a of live) {
          expect([CLEAN, DBT]).toContain(a.rootCauseRef ?? a.pipelineRef);
        }

        const dbtRuns = await db('health_runs')
          .where('job_name', 'subscriber-cohorts-dbt')
          .orderBy('first_event_at', 'desc');
        // The newest partition whose runs have failed (a newer one may be
        // running or not started yet).
        const latestPartition = dbtRuns.find(
          r => r.state === 'FAIL',
        )!.partition_start;
        const attempts = dbtRuns.filter(
          r => r.partition_start === latestPartition,
        );
        expect(attempts.map(r => r.state)).toEqual(['FAIL', 'FAIL']);
        expect(attempts[0].failure_reason).toMatch(
          /column "plan_tier" does not exist/,
        );

        const playback = notifications
          .to('group:default/playback')
          .map(p => p.title);
        expect(playback).toEqual([
          expect.stringMatching(
            /^Clean plays, hourly: partitions? .* (is|are) late$/,
          ),
        ]);
        const insights = notifications
          .to('group:default/listening-insights')
          .map(p => p.title);
        expect(insights).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/failed$/),
            expect.stringMatching(
              /^Expected delay for .*, caused by Clean plays, hourly \(owned by playback\)$/,
            ),
          ]),
        );
      },
    );
  },
);
