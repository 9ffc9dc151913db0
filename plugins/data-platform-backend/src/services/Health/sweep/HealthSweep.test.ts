import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';
import {
  createIngestor,
  HOUR,
  hourlyRun,
  migrated,
  MINUTE,
  pipeline,
  RecordingNotifications,
  registerPipelines,
  runEvent,
  t,
  testSettings,
} from '../__testUtils__/healthTestbed';
import { applyAlertPlan } from './applyAlertPlan';
import { HealthSweep } from './HealthSweep';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const REGISTERED = t('2026-11-26T06:00:00Z');
const NOW = t('2026-11-26T12:30:00Z');
const hour = (h: number) =>
  t(`2026-11-26T${String(h).padStart(2, '0')}:00:00Z`);

/** Hourly runs landing on time for partitions [from, to). */
function landed(job: string, from: number, to: number) {
  const events = [];
  for (let p = from; p < to; p += HOUR)
    events.push(...hourlyRun({ job, partition: p }));
  return events;
}

describe.each(databases.eachSupportedId())('HealthSweep on %p', databaseId => {
  let db: Knex;
  let notifications: RecordingNotifications;
  const sweepAt = (
    at: number,
    sweep = new HealthSweep(db, testSettings(), notifications),
  ) => sweep.run(at);
  const liveAlerts = () => new AlertStore(db).live();
  const status = async (name: string) =>
    (await new PipelineStore(db).get(`pipeline:default/${name}`))!.status;
  const partition = async (name: string, start: number) =>
    db('health_partitions')
      .where({
        pipeline_ref: `pipeline:default/${name}`,
        partition_start: start,
      })
      .first();

  beforeEach(async () => {
    db = await migrated(await databases.init(databaseId));
    notifications = new RecordingNotifications();
  });

  it('judges a pipeline late when no run ever started', async () => {
    await registerPipelines(db, [pipeline('stopped')], REGISTERED);
    const result = await sweepAt(NOW);
    expect(result).toMatchObject({ skipped: false });
    // Hourly, SLA PT2H: partitions due (end + 2h) after registration at 06:00, by 12:30.
    const late = await db('health_partitions')
      .where({ state: 'late' })
      .orderBy('partition_start');
    expect(
      late.map(p =>
        new Date(Number(p.partition_start)).toISOString().slice(11, 16),
      ),
    ).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00', '09:00']);
    expect(late.every(p => Number(p.attempts) === 0)).toBe(true);
    expect(Number(late[0].state_since)).toBe(hour(7)); // its deadline
    const [alert] = await liveAlerts();
    expect(alert).toMatchObject({
      problem: 'late',
      partitionStart: hour(4),
      state: 'open',
    });
    expect(await status('stopped')).toMatchObject({
      state: 'late',
      problem: true,
      partition: hour(4),
    });
  });

  it('judges partitions landed on time, landed late, failed, running and backfilled', async () => {
    await registerPipelines(db, [pipeline('mixed')], REGISTERED);
    const ingestor = createIngestor(db);
    await ingestor.ingest([
      ...hourlyRun({ job: 'mixed', partition: hour(6) }),
      ...hourlyRun({
        job: 'mixed',
        partition: hour(7),
        startedAfterEndMs: 150 * MINUTE,
      }),
      ...hourlyRun({
        job: 'mixed',
        partition: hour(8),
        outcome: 'FAIL',
        error: 'quota exceeded',
      }),
      runEvent({
        job: 'mixed',
        runId: '0193a3c6-0000-7000-8000-0000000000aa',
        eventType: 'START',
        at: hour(12) + 5 * MINUTE,
        nominal: { start: hour(11), end: hour(12) },
      }),
      // Yesterday 01:00, re-run 26 hours after its period ended.
      ...hourlyRun({
        job: 'mixed',
        partition: hour(1) - 24 * HOUR,
        startedAfterEndMs: 26 * HOUR,
      }),
    ]);
    await sweepAt(NOW);
    const state = async (h: number) =>
      (await partition('mixed', hour(h)))?.state;
    expect(await state(6)).toBe('landed_on_time');
    expect(await state(7)).toBe('landed_late');
    expect(await state(8)).toBe('failed');
    expect((await partition('mixed', hour(8))).failure_reason).toBe(
      'quota exceeded',
    );
    expect(await state(9)).toBe('late'); // no run at all
    expect(await state(11)).toBe('running');
    expect((await partition('mixed', hour(1) - 24 * HOUR))?.state).toBe(
      'backfilled',
    );
    const problems = (await liveAlerts()).map(a => a.problem).sort();
    expect(problems).toEqual(['failed', 'late']);
    expect(await status('mixed')).toMatchObject({
      state: 'failed',
      partition: hour(8),
    });
  });

  it('counts attempts and lands a partition when a retry succeeds, resolving the alert', async () => {
    await registerPipelines(db, [pipeline('retried')], REGISTERED);
    const ingestor = createIngestor(db);
    await ingestor.ingest([
      ...landed('retried', hour(4), hour(9)),
      ...landed('retried', hour(10), hour(12)),
    ]);
    await ingestor.ingest(
      hourlyRun({ job: 'retried', partition: hour(9), outcome: 'FAIL' }),
    );
    await sweepAt(NOW);
    const [alert] = await liveAlerts();
    expect(alert).toMatchObject({ problem: 'failed', partitionStart: hour(9) });

    await ingestor.ingest(
      hourlyRun({
        job: 'retried',
        partition: hour(9),
        startedAfterEndMs: 30 * MINUTE,
      }),
    );
    await sweepAt(NOW + MINUTE);
    const row = await partition('retried', hour(9));
    expect(row.state).toBe('landed_on_time');
    expect(Number(row.attempts)).toBe(2);
    expect(await liveAlerts()).toEqual([]);
    const resolved = await new AlertStore(db).get(alert.id);
    expect(resolved).toMatchObject({ state: 'resolved', resolvedBy: 'system' });
    const history = (await new AlertStore(db).history([alert.id])).get(
      alert.id,
    )!;
    expect(history.map(h => h.action)).toEqual([
      'opened',
      'notified',
      'resolved',
    ]);
    expect(history[2].note).toBe('a run succeeded');
    // The owner's notification is updated to "resolved" under the same scope.
    const sent = notifications.to('group:default/team-a');
    expect(sent.map(p => p.scope)).toEqual([sent[0].scope, sent[0].scope]);
    expect(sent[1].title).toMatch(/^Resolved: /);
  });

  it('keeps one alert and one notification across many sweeps, and escalates in place', async () => {
    await registerPipelines(db, [pipeline('stopped')], REGISTERED);
    for (let minute = 0; minute < 5; minute++)
      await sweepAt(NOW + minute * MINUTE);
    expect(await db('health_alerts')).toHaveLength(1);
    expect(notifications.sent).toHaveLength(1);
    const [first] = notifications.sent;
    expect(first.payload).toMatchObject({
      severity: 'critical',
      topic: 'Pipeline health',
    });

    // Later, a new partition is late but the alert stays the same one.
    await sweepAt(NOW + 2 * HOUR);
    expect(await db('health_alerts')).toHaveLength(1);
    expect(new Set(notifications.sent.map(s => s.payload.scope))).toEqual(
      new Set([first.payload.scope]),
    );
  });

  it('escalates severity with lateness and updates the same notification scope', async () => {
    // Registered 10:30: the 07:00 partition (due 10:00) is not judged.
    await registerPipelines(
      db,
      [pipeline('slow', { lifecycle: 'experimental' })],
      t('2026-11-26T10:30:00Z'),
    );
    await createIngestor(db).ingest(landed('slow', hour(8), hour(9)));
    // 09:00 partition due 12:00: 30 min late at 12:30 -> low (experimental).
    await sweepAt(NOW);
    expect((await liveAlerts())[0].severity).toBe('low');
    await sweepAt(hour(14) + 5 * MINUTE);
    const [alert] = await liveAlerts();
    expect(alert.severity).toBe('normal');
    const history = (await new AlertStore(db).history([alert.id])).get(
      alert.id,
    )!;
    expect(history.map(h => h.action)).toContain('escalated');
    expect(notifications.sent.map(s => s.payload.severity)).toEqual([
      'low',
      'normal',
    ]);
    expect(new Set(notifications.sent.map(s => s.payload.scope)).size).toBe(1);
  });

  it('finds the root cause upstream and routes: the cause to its owner, one delay notice per downstream owner', async () => {
    await registerPipelines(
      db,
      [
        pipeline('raw-clean', { owner: 'group:default/playback' }),
        pipeline('sessions', {
          owner: 'group:default/insights',
          reads: ['raw-clean'],
        }),
        pipeline('daily-report', {
          owner: 'group:default/insights',
          reads: ['sessions'],
          schedule: { type: 'daily' },
          sla: 'PT6H',
        }),
        pipeline('kpis', {
          owner: 'group:default/finance',
          reads: ['raw-clean'],
        }),
      ],
      t('2026-11-25T07:00:00Z'),
    );
    const ingestor = createIngestor(db);
    // Everything ran until 07:00; then raw-clean stopped and everything waited.
    const from = t('2026-11-25T00:00:00Z');
    await ingestor.ingest([
      ...landed('raw-clean', from, hour(7)),
      ...landed('sessions', from, hour(7)),
      ...landed('kpis', from, hour(7)),
      // The daily partition of 2026-11-25, without a nominal time: from its schedule.
      runEvent({
        job: 'daily-report',
        runId: '0193a3c6-0000-7000-8000-0000000000cc',
        eventType: 'START',
        at: t('2026-11-26T01:00:00Z'),
      }),
      runEvent({
        job: 'daily-report',
        runId: '0193a3c6-0000-7000-8000-0000000000cc',
        eventType: 'COMPLETE',
        at: t('2026-11-26T01:30:00Z'),
      }),
    ]);
    // 2026-11-26's daily partition is not due yet at 12:30; look the day after at 07:00.
    const later = t('2026-11-27T07:00:00Z');
    await sweepAt(later);

    const alerts = await liveAlerts();
    const byRef = new Map(alerts.map(a => [a.pipelineRef.split('/')[1], a]));
    expect(byRef.get('raw-clean')).toMatchObject({
      problem: 'late',
      rootCauseRef: undefined,
    });
    expect(byRef.get('sessions')).toMatchObject({
      rootCauseRef: 'pipeline:default/raw-clean',
    });
    const daily = byRef.get('daily-report')!;
    expect(
      JSON.parse(daily.rootCause!).chain.map((c: any) => c.pipelineRef),
    ).toEqual(['pipeline:default/sessions', 'pipeline:default/raw-clean']);
    expect(JSON.parse(daily.rootCause!).chain[1]).toEqual({
      pipelineRef: 'pipeline:default/raw-clean',
      partition: '2026-11-26T07:00:00.000Z',
      state: 'late',
    });
    // Caused upstream: one level lower than the cause.
    expect(byRef.get('raw-clean')!.severity).toBe('critical');
    expect(byRef.get('kpis')!.severity).toBe('high');

    const playback = notifications.to('group:default/playback');
    expect(playback).toHaveLength(1);
    expect(playback[0].title).toMatch(
      /^raw-clean: partitions 26 Nov 2026, 07:00 UTC to .* are late$/,
    );
    expect(playback[0].description).toMatch(
      /3 downstream pipelines wait for it/,
    );
    const insights = notifications.to('group:default/insights');
    expect(insights).toHaveLength(1);
    expect(insights[0].title).toBe(
      'Expected delay for 2 pipelines, caused by raw-clean (owned by playback)',
    );
    // Times in words, who owns the cause, and what their own alerts are for.
    expect(insights[0].description).toMatch(
      /whose partition 26 Nov 2026, 07:00 UTC is late\. Its owner has the root-cause alert\. Your 2 alerts for them close by themselves once it lands/,
    );
    expect(insights[0].description).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const finance = notifications.to('group:default/finance');
    expect(finance.map(p => p.title)).toEqual([
      'Expected delay for kpis, caused by raw-clean (owned by playback)',
    ]);

    const { rootCause } = await status('daily-report');
    expect(JSON.parse(rootCause!).chain).toHaveLength(2);
  });

  it('gives one alert when two sweeps run at once', async () => {
    await registerPipelines(db, [pipeline('stopped')], REGISTERED);
    const a = new HealthSweep(db, testSettings(), notifications);
    const b = new HealthSweep(db, testSettings(), notifications);
    const results = await Promise.all([a.run(NOW), b.run(NOW)]);
    expect(results.filter(r => !r.skipped).length).toBeGreaterThanOrEqual(1);
    // Whichever ran second (or skipped) must not add anything.
    await Promise.all([a.run(NOW + MINUTE), b.run(NOW + MINUTE)]);
    expect(await db('health_alerts')).toHaveLength(1);
    expect(
      await db('health_alert_events').where('action', 'opened'),
    ).toHaveLength(1);
    expect(notifications.sent).toHaveLength(1);
  });

  it('opens one alert even when two alert plans are applied at once (no lease)', async () => {
    await registerPipelines(db, [pipeline('stopped')], REGISTERED);
    const pipelines = new Map(
      (await new PipelineStore(db).all()).map(p => [p.entityRef, p]),
    );
    const desired = [
      {
        pipelineRef: 'pipeline:default/stopped',
        problem: 'late' as const,
        partitionStart: hour(4),
        severity: 'high' as const,
      },
    ];
    const apply = () =>
      applyAlertPlan({
        alerts: new AlertStore(db),
        desired,
        pipelines,
        now: NOW,
        settings: testSettings(),
      });
    const applied = await Promise.all([apply(), apply(), apply()]);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db('health_alerts')).toHaveLength(1);
    expect(await db('health_alert_events')).toHaveLength(1);
  });

  it('changes nothing when swept again at the same instant', async () => {
    await registerPipelines(
      db,
      [pipeline('stopped'), pipeline('fine')],
      REGISTERED,
    );
    await createIngestor(db).ingest(landed('fine', hour(2), hour(12)));
    await sweepAt(NOW);
    const again = await sweepAt(NOW);
    expect(again).toMatchObject({
      skipped: false,
      partitionsWritten: 0,
      statusesWritten: 0,
      alertsChanged: 0,
    });
    expect(await status('fine')).toMatchObject({
      state: 'healthy',
      problem: false,
    });
  });

  it('keeps snoozed alerts quiet until the snooze runs out', async () => {
    await registerPipelines(db, [pipeline('stopped')], REGISTERED);
    await sweepAt(NOW);
    const store = new AlertStore(db);
    const [alert] = await store.live();
    await store.change(
      alert.id,
      ['open'],
      { state: 'snoozed', snoozedUntil: NOW + 30 * MINUTE },
      [],
      NOW,
    );
    await sweepAt(NOW + 10 * MINUTE);
    expect((await store.get(alert.id))!.state).toBe('snoozed');
    await sweepAt(NOW + 31 * MINUTE);
    expect((await store.get(alert.id))!.state).toBe('open');
    const history = (await store.history([alert.id])).get(alert.id)!;
    expect(history.map(h => h.action)).toContain('unsnoozed');
  });

  it('judges a streaming pipeline by the freshness of its outputs', async () => {
    await registerPipelines(
      db,
      [pipeline('ingest', { schedule: { type: 'streaming' }, sla: 'PT30M' })],
      REGISTERED,
    );
    const runId = '0193a3c6-0000-7000-8000-0000000000bb';
    await createIngestor(db).ingest([
      runEvent({ job: 'ingest', runId, eventType: 'START', at: hour(6) }),
      runEvent({ job: 'ingest', runId, eventType: 'RUNNING', at: hour(12) }),
    ]);
    await sweepAt(hour(12) + 20 * MINUTE);
    expect(await status('ingest')).toMatchObject({
      state: 'healthy',
      problem: false,
    });
    await sweepAt(hour(13));
    expect(await status('ingest')).toMatchObject({
      state: 'late',
      problem: true,
    });
    expect((await liveAlerts())[0].problem).toBe('stale');
  });

  it('attaches runs that arrived before their pipeline was registered', async () => {
    await createIngestor(db).ingest(landed('early', hour(6), hour(8)));
    await sweepAt(NOW);
    await registerPipelines(db, [pipeline('early')], NOW);
    // What the catalog sync does for a new identity: its jobs' runs queued again.
    await new RunStore(db).markJobsDirty(
      await db('health_runs').distinct({
        namespace: 'job_namespace',
        name: 'job_name',
      }),
    );
    await sweepAt(NOW + MINUTE);
    expect((await partition('early', hour(6)))?.state).toBe('landed_on_time');
    // Runs show it was already running: the gap since is judged although it registered later.
    expect((await partition('early', hour(8)))?.state).toBe('late');
    expect((await partition('early', hour(5)))?.state).toBeUndefined();
  });

  it('keeps a first run only where it came due before the pipeline was registered', async () => {
    // Registered at 06:00; hour(2) was due at 05:00, hour(10) at 13:00.
    await registerPipelines(
      db,
      [pipeline('history'), pipeline('fresh')],
      REGISTERED,
    );
    await createIngestor(db).ingest([
      ...landed('history', hour(2), hour(4)),
      ...landed('fresh', hour(10), hour(11)),
    ]);
    await sweepAt(NOW);
    const firstRun = async (name: string) =>
      (
        await db('health_pipelines')
          .where('entity_ref', `pipeline:default/${name}`)
          .first()
      ).first_run_partition;
    expect(Number(await firstRun('history'))).toBe(hour(2));
    expect(await firstRun('fresh')).toBeNull();
    // Judged alike: 'history' from its first run on, 'fresh' from its
    // registration on (06:00 was due at 09:00) and not before.
    expect((await partition('history', hour(4)))?.state).toBe('late');
    expect((await partition('fresh', hour(6)))?.state).toBe('late');
    expect((await partition('fresh', hour(2)))?.state).toBeUndefined();
  });

  describe('from one sweep to the next on the same instance', () => {
    let sweep: HealthSweep;
    beforeEach(() => {
      sweep = new HealthSweep(db, testSettings(), notifications);
    });
    /** A sweep that reads everything at the same instant must find nothing to change. */
    const expectNothingLeftAt = async (at: number) =>
      expect(
        await new HealthSweep(db, testSettings(), notifications).run(at),
      ).toMatchObject({
        partitionsWritten: 0,
        statusesWritten: 0,
        alertsChanged: 0,
      });

    it('turns a pipeline late when a deadline passes with no new event, and clears it when the late run lands', async () => {
      await registerPipelines(db, [pipeline('slow')], REGISTERED);
      const ingestor = createIngestor(db);
      const runId = '0193a3c6-0000-7000-8000-0000000000cc';
      const nominal = { start: hour(11), end: hour(12) };
      await ingestor.ingest([
        ...landed('slow', hour(2), hour(11)),
        runEvent({
          job: 'slow',
          runId,
          eventType: 'START',
          at: hour(12) + 5 * MINUTE,
          nominal,
        }),
      ]);
      await sweep.run(NOW);
      expect(await status('slow')).toMatchObject({ state: 'healthy' });
      expect((await partition('slow', hour(11))).state).toBe('running');

      // 11:00 is due at 14:00 (its end, 12:00, + PT2H): nothing arrives, the clock moves on.
      await sweep.run(hour(14) + MINUTE);
      expect((await partition('slow', hour(11))).state).toBe('late');
      expect(await status('slow')).toMatchObject({
        state: 'late',
        partition: hour(11),
      });
      expect(await liveAlerts()).toMatchObject([
        { problem: 'late', partitionStart: hour(11) },
      ]);
      await expectNothingLeftAt(hour(14) + MINUTE);

      await ingestor.ingest([
        runEvent({
          job: 'slow',
          runId,
          eventType: 'COMPLETE',
          at: hour(14) + 10 * MINUTE,
          nominal,
        }),
      ]);
      await sweep.run(hour(14) + 11 * MINUTE);
      expect((await partition('slow', hour(11))).state).toBe('landed_late');
      expect(await status('slow')).toMatchObject({ state: 'healthy' });
      expect(await liveAlerts()).toEqual([]);
      await expectNothingLeftAt(hour(14) + 11 * MINUTE);
    });

    it('turns a pipeline whose scheduler stopped late as each deadline passes', async () => {
      await registerPipelines(db, [pipeline('stopping')], REGISTERED);
      await createIngestor(db).ingest(landed('stopping', hour(2), hour(10)));
      await sweep.run(NOW);
      expect(await status('stopping')).toMatchObject({ state: 'healthy' });
      // 10:00 is due at 13:00, 11:00 at 14:00.
      await sweep.run(hour(13) + MINUTE);
      expect(await status('stopping')).toMatchObject({
        state: 'late',
        partition: hour(10),
      });
      await sweep.run(hour(14) + MINUTE);
      expect(await status('stopping')).toMatchObject({
        state: 'late',
        partition: hour(10),
        lastPartition: hour(11),
      });
      await expectNothingLeftAt(hour(14) + MINUTE);
    });

    it('counts every run of a partition, whether it is new or had runs before', async () => {
      await registerPipelines(db, [pipeline('retried')], REGISTERED);
      const ingestor = createIngestor(db);
      await ingestor.ingest(landed('retried', hour(2), hour(9)));
      await sweep.run(NOW);
      // A new partition whose first run failed and whose retry landed.
      await ingestor.ingest([
        ...hourlyRun({ job: 'retried', partition: hour(9), outcome: 'FAIL' }),
        ...hourlyRun({
          job: 'retried',
          partition: hour(9),
          startedAfterEndMs: 20 * MINUTE,
        }),
      ]);
      await sweep.run(NOW + MINUTE);
      const row = await partition('retried', hour(9));
      expect(row.state).toBe('landed_on_time');
      expect(Number(row.attempts)).toBe(2);
      // A third run of a partition that had runs before.
      await ingestor.ingest(
        hourlyRun({
          job: 'retried',
          partition: hour(9),
          startedAfterEndMs: 40 * MINUTE,
        }),
      );
      await sweep.run(NOW + 2 * MINUTE);
      expect(Number((await partition('retried', hour(9))).attempts)).toBe(3);
      await expectNothingLeftAt(NOW + 2 * MINUTE);
    });

    it('plans no notice again while nothing changes, as a sweep reading everything would', async () => {
      await registerPipelines(db, [pipeline('stopped')], REGISTERED);
      await sweep.run(NOW);
      await sweep.run(NOW + MINUTE);
      await sweep.run(NOW + 2 * MINUTE);
      expect(notifications.sent).toHaveLength(1);
      const fresh = () => new HealthSweep(db, testSettings(), notifications);
      await fresh().run(NOW + 3 * MINUTE);
      expect(notifications.sent).toHaveLength(1);

      // An owner's change between sweeps is seen: the sweep after a
      // resolve sends what a sweep reading everything sends.
      const [alert] = await liveAlerts();
      const at = NOW + 3 * MINUTE;
      await new AlertStore(db).change(
        alert.id,
        ['open'],
        { state: 'resolved', resolvedBy: 'user:default/ana', resolvedAt: at },
        [{ action: 'resolved', by: 'user:default/ana', at }],
        at,
      );
      await sweep.run(NOW + 4 * MINUTE);
      const afterResolve = notifications.sent.length;
      await fresh().run(NOW + 4 * MINUTE);
      expect(notifications.sent).toHaveLength(afterResolve);

      // A problem that grows updates the notice (a new partition is late).
      await sweep.run(NOW + 2 * HOUR);
      await sweep.run(NOW + 2 * HOUR + MINUTE);
      const grown = notifications.sent.length;
      expect(grown).toBeGreaterThan(afterResolve);
      await fresh().run(NOW + 2 * HOUR + 2 * MINUTE);
      expect(notifications.sent).toHaveLength(grown);
    });

    it('reads everything again once another instance swept in between', async () => {
      await registerPipelines(db, [pipeline('stopped')], REGISTERED);
      await sweep.run(NOW);
      expect(await status('stopped')).toMatchObject({ state: 'late' });
      // Another instance (a restart, a failover) sweeps after the runs came.
      await createIngestor(db).ingest(landed('stopped', hour(4), hour(11)));
      await new HealthSweep(db, testSettings(), notifications).run(
        NOW + MINUTE,
      );
      expect(await status('stopped')).toMatchObject({ state: 'healthy' });
      // This one must not judge from what it kept: those partitions landed.
      const result = await sweep.run(NOW + 2 * MINUTE);
      expect(result).toMatchObject({ partitionsWritten: 0, alertsChanged: 0 });
      expect((await partition('stopped', hour(4))).state).toBe(
        'landed_on_time',
      );
      expect(await status('stopped')).toMatchObject({ state: 'healthy' });
    });

    it('takes runs off the change queue only once their partitions are written', async () => {
      await registerPipelines(db, [pipeline('refused')], REGISTERED);
      const ingestor = createIngestor(db);
      await ingestor.ingest(landed('refused', hour(2), hour(9)));
      await sweep.run(NOW);
      // 09:00 was due at 12:00: late until its run comes.
      expect((await partition('refused', hour(9))).state).toBe('late');
      await ingestor.ingest(hourlyRun({ job: 'refused', partition: hour(9) }));
      // The database refuses partition writes for one sweep.
      if (db.client.config.client === 'pg') {
        await db.raw(`create function refuse_partitions() returns trigger
          language plpgsql as $$ begin raise exception 'partitions refused'; end $$`);
        await db.raw(`create trigger refuse_partitions before insert
          on health_partitions for each row execute function refuse_partitions()`);
      } else {
        await db.raw(`create trigger refuse_partitions before insert
          on health_partitions begin select raise(abort, 'partitions refused'); end`);
      }
      const refused = await sweep.run(NOW + MINUTE).then(
        result => ({ result }),
        error => ({ error: String(error) }),
      );
      expect(refused).toEqual({ error: expect.stringMatching(/refused/) });
      expect(await partition('refused', hour(9))).toMatchObject({
        state: 'late',
        attempts: 0,
      });
      expect(await db('health_run_changes')).not.toHaveLength(0);

      await db.raw(
        db.client.config.client === 'pg'
          ? 'drop trigger refuse_partitions on health_partitions'
          : 'drop trigger refuse_partitions',
      );
      await sweep.run(NOW + 2 * MINUTE);
      const row = await partition('refused', hour(9));
      expect(row.state).toBe('landed_on_time');
      expect(Number(row.attempts)).toBe(1);
      expect(await db('health_run_changes')).toHaveLength(0);
      await expectNothingLeftAt(NOW + 2 * MINUTE);
    });

    it('sees pipelines the catalog adds and removes between sweeps', async () => {
      await registerPipelines(db, [pipeline('fine')], REGISTERED);
      await createIngestor(db).ingest(landed('fine', hour(2), hour(12)));
      await sweep.run(NOW);
      // Registered now: late once its first partition after that is due.
      await registerPipelines(db, [pipeline('stopped')], NOW);
      await sweep.run(hour(14) + MINUTE);
      expect(await status('stopped')).toMatchObject({
        state: 'late',
        partition: hour(10),
      });
      expect(await liveAlerts()).toMatchObject([
        { pipelineRef: 'pipeline:default/stopped', problem: 'late' },
      ]);

      await new PipelineStore(db).remove(['pipeline:default/stopped']);
      await sweep.run(hour(14) + 2 * MINUTE);
      expect(await liveAlerts()).toEqual([]);
      await expectNothingLeftAt(hour(14) + 2 * MINUTE);
    });
  });
});
