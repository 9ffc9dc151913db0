import { Knex } from 'knex';
import type { HealthSettings } from '../healthSettings';
import { QualityCatalogStore } from '../../Quality/store/QualityCatalogStore';
import { QualityResultStore } from '../../Quality/store/QualityResultStore';
import { findBadData } from '../badData/findBadData';
import type { NoticeSubject } from '../notifications/notice';
import { HealthNotifier, NotifyResult } from '../notifications/HealthNotifier';
import { ReadersCache } from '../rootCause/downstreamReaders';
import { AlertRecord, AlertStore, openKey } from '../store/AlertStore';
import { NoticeStore } from '../store/NoticeStore';
import { partitionKey, PartitionStore } from '../store/PartitionStore';
import { HealthPipeline, PipelineStore } from '../store/PipelineStore';
import { RunRow, RunStore } from '../store/RunStore';
import { SweepStateStore } from '../store/SweepStateStore';
import type { PartitionRecord } from '../store/PartitionStore';
import { randomUUID } from 'node:crypto';
import { groupBy } from '../../../collections/groupBy';
import {
  DEFAULT_LEASE_SETTINGS,
  HeldLease,
  JobLease,
  LeaseSettings,
} from '../../JobLease/JobLease';
import { attachRuns, JobIndex, jobIndex } from './attachRuns';
import { judgePipelines } from './judgePipelines';
import { applyAlertPlan } from './applyAlertPlan';
import { refreshPartitions } from './refreshPartitions';
import { WriteBehind } from './WriteBehind';
import { firstRunMatters } from '../partitions/judgeStoredPartition';
import { UpstreamCache } from '../rootCause/upstreamPipelines';
import type { NotificationService } from '@backstage/plugin-notifications-node';

/** What one sweep did (for logs and benchmarks). */
export type SweepResult =
  | { skipped: true }
  | {
      skipped: false;
      pipelines: number;
      runsAttached: number;
      partitionsWritten: number;
      problems: number;
      statusesWritten: number;
      alertsChanged: number;
      notifications: NotifyResult;
      /** Dirty runs left for the next sweep (a burst larger than one pass). */
      runsPending: boolean;
      durationMs: number;
      /** Milliseconds per step, for benchmarks and slow-sweep logs. */
      steps: Record<string, number>;
    };

/**
 * What a completed sweep leaves for the next one on the same instance: the
 * pipelines with the statuses it wrote, and the open partitions as it
 * stored them. Valid while its sweep is the last one completed (no other
 * instance swept since) and the catalog changed no pipeline.
 */
type CarriedState = {
  sweepId: string;
  pipelinesVersion: string;
  pipelines: Map<string, HealthPipeline>;
  open: Map<string, PartitionRecord>;
  /** The pipelines' refs by OpenLineage job. */
  jobs: JobIndex;
  /** The newest stored partition's start by pipeline. */
  newestPartitions: Map<string, number>;
  /** Runs of streaming pipelines by pipeline, while the pipelines are kept. */
  streamRuns: Map<string, RunRow[]>;
  /** What the notices were planned from (see noticeInputs). */
  noticeInputs: string;
};

/**
 * A fingerprint of what notices are planned from besides the pipelines: the
 * live alerts as the sweep left them, and the endpoints whose bad data no
 * known pipeline wrote. Equal fingerprints over the same pipelines plan the
 * same notices.
 */
function noticeInputs(
  live: AlertRecord[],
  endpoints: Map<string, NoticeSubject>,
): string {
  const alerts = live.map(
    a =>
      `${a.id}|${a.state}|${a.severity}|${a.partitionStart}|${a.rootCauseRef}|${a.updatedAt}`,
  );
  const subjects = [...endpoints].map(
    ([ref, e]) => `${ref}|${e.owner}|${e.title}`,
  );
  return `${alerts.sort().join('\n')}\n--\n${subjects.sort().join('\n')}`;
}

/**
 * One evaluation of every pipeline: attach changed runs to partitions, judge
 * partitions against their deadlines (adding the ones that came due with no
 * run), take the partitions whose critical quality checks fail (bad data),
 * find root causes upstream, update each pipeline's status, drive the
 * alert lifecycle and notify. Every step works in bulk and writes only what
 * changed, so a sweep over a quiet platform is mostly reads. Idempotent: a
 * second sweep at the same instant changes nothing. Incremental: the
 * pipelines and open partitions are read from the database only when the
 * last completed sweep was another instance's (or this one's first), or
 * the catalog changed pipelines; otherwise they are carried over in memory
 * from this instance's previous sweep, whose writes they are.
 */
export class HealthSweep {
  private readonly pipelines: PipelineStore;
  private readonly runs: RunStore;
  private readonly partitions: PartitionStore;
  private readonly alerts: AlertStore;
  /** One sweep at a time across instances; the scheduled task takes it too. */
  readonly lease: JobLease;
  private readonly notifier: HealthNotifier;
  private readonly upstream: UpstreamCache;
  private readonly readers: ReadersCache;
  private readonly qualityResults: QualityResultStore;
  private readonly qualityCatalog: QualityCatalogStore;
  private readonly sweepState: SweepStateStore;
  private carried?: CarriedState;

  constructor(
    db: Knex,
    private readonly settings: HealthSettings,
    notifications: NotificationService,
    leaseSettings: LeaseSettings = DEFAULT_LEASE_SETTINGS,
  ) {
    this.pipelines = new PipelineStore(db);
    this.runs = new RunStore(db);
    this.partitions = new PartitionStore(db);
    this.alerts = new AlertStore(db);
    this.lease = new JobLease(db, 'health-sweep', leaseSettings);
    this.upstream = new UpstreamCache(db);
    this.readers = new ReadersCache(db);
    this.qualityResults = new QualityResultStore(db);
    this.qualityCatalog = new QualityCatalogStore(db);
    this.sweepState = new SweepStateStore(db);
    this.notifier = new HealthNotifier({
      notifications,
      notices: new NoticeStore(db),
      alerts: this.alerts,
    });
  }

  /** Takes the lease at `now` and sweeps; skipped while another holds it. */
  async run(now: number = Date.now()): Promise<SweepResult> {
    const outcome = await this.lease.run(lease => this.runHeld(lease), {
      now,
    });
    return outcome.ran ? outcome.value : { skipped: true };
  }

  /**
   * Sweeps at the lease's `startedAt` under a lease already taken. Stops
   * between steps once the lease's signal fires: each step's writes stand
   * alone and the next sweep redoes the rest, since a sweep is idempotent.
   */
  async runHeld(lease: HeldLease): Promise<SweepResult> {
    return this.sweep(lease, Date.now());
  }

  private async sweep(lease: HeldLease, started: number) {
    const writes = new WriteBehind();
    try {
      return await this.sweepWith(writes, lease, started);
    } finally {
      // A failed step leaves no write running on past its sweep; the
      // step's own error is the one to report.
      await writes.flush().catch(() => {});
    }
  }

  private async sweepWith(
    writes: WriteBehind,
    lease: HeldLease,
    started: number,
  ) {
    const { settings } = this;
    const { startedAt: now, completedAt: lastSweptAt, signal } = lease;
    const steps: Record<string, number> = {};
    let mark = Date.now();
    const step = (name: string) => {
      const at = Date.now();
      steps[name] = at - mark;
      mark = at;
      // Stop between steps, not after the last ones: their work is done.
      if (name !== 'notify' && name !== 'writes') signal.throwIfAborted();
    };
    // Dropped now: kept again only once this sweep completes.
    const carried = this.carried;
    this.carried = undefined;
    const state = await this.sweepState.read();
    const current =
      carried?.sweepId === state.lastSweepId ? carried : undefined;
    // From here on, what any other instance kept is out of date.
    const sweepId = randomUUID();
    await this.sweepState.started(sweepId);
    const samePipelines = current?.pipelinesVersion === state.pipelinesVersion;
    const pipelines = samePipelines
      ? current.pipelines
      : new Map<string, HealthPipeline>(
          (await this.pipelines.allForSweep()).map(p => [p.entityRef, p]),
        );

    step('loadPipelines');
    // Read while the runs are attached and the partitions judged: neither
    // changes bad data or alerts.
    const since = now - settings.lookbackMs;
    const badDataAndAlerts = Promise.all([
      findBadData({
        results: this.qualityResults,
        catalog: this.qualityCatalog,
        isPipeline: ref => pipelines.has(ref),
        since,
      }),
      this.alerts.live(),
    ]);
    // Awaited below; a step failing before that must not leave it unhandled.
    badDataAndAlerts.catch(() => {});
    const dirty = await this.runs.dirty(settings.runsPerSweep);
    const runsPending = dirty.length >= settings.runsPerSweep;
    const jobs = samePipelines ? current.jobs : jobIndex(pipelines.values());
    const attachment = attachRuns(dirty, pipelines, jobs);
    // First runs after registration change no judgement: not kept.
    for (const [ref, start] of attachment.firstRunPartitions) {
      const pipeline = pipelines.get(ref);
      if (pipeline && !firstRunMatters(pipeline, start, settings)) {
        attachment.firstRunPartitions.delete(ref);
      }
    }
    await this.runs.assign(
      dirty,
      new Map(attachment.assignments.map(a => [a.runId, a])),
    );
    const lowered = [...attachment.firstRunPartitions]
      .filter(([ref, start]) => {
        const known = pipelines.get(ref)?.firstRunPartition;
        return known === undefined || start < known;
      })
      .map(([ref, partitionStart]) => ({ ref, partitionStart }));
    writes.add(() => this.pipelines.lowerFirstRunPartitions(lowered));
    // Streams' runs: those whose runs changed are read again, while the
    // partitions are judged.
    const streamRuns = samePipelines
      ? new Map(current.streamRuns)
      : new Map<string, RunRow[]>();
    const streams = [...pipelines.values()]
      .filter(p => p.schedule.type === 'streaming')
      .map(p => p.entityRef);
    const stale = samePipelines
      ? streams.filter(ref => attachment.touchedStreams.has(ref))
      : streams;
    const streamReads = this.runs.recentForPipelines(stale, since);
    streamReads.catch(() => {});

    step('attachRuns');
    const refresh = await refreshPartitions({
      pipelines,
      attachment,
      dirty: runsPending ? undefined : dirty,
      previousOpen: current?.open,
      newest: current?.newestPartitions,
      runs: this.runs,
      partitions: this.partitions,
      writes,
      now,
      lastSweptAt,
      lookbackMs: settings.lookbackMs,
      settings,
    });
    // After the partitions they changed were written (WriteBehind's order).
    writes.add(() => this.runs.markSwept(dirty));
    for (const [ref, start] of attachment.firstRunPartitions) {
      const pipeline = pipelines.get(ref);
      if (
        pipeline &&
        (pipeline.firstRunPartition === undefined ||
          start < pipeline.firstRunPartition)
      ) {
        pipelines.set(ref, { ...pipeline, firstRunPartition: start });
      }
    }
    step('partitions');

    const [badData, liveBefore] = await badDataAndAlerts;
    step('badData');

    const fresh = groupBy(await streamReads, run => run.pipeline_ref!);
    for (const ref of stale) streamRuns.set(ref, fresh.get(ref) ?? []);
    for (const [ref, runs] of streamRuns) {
      streamRuns.set(
        ref,
        runs.filter(r => r.last_event_at >= since),
      );
    }

    const judged = await judgePipelines({
      upstream: this.upstream,
      readers: this.readers,
      pipelines,
      open: refresh.open,
      badData: badData.problems,
      openedAt: new Map(liveBefore.map(a => [openKey(a), a.openedAt])),
      streamRuns: [...streamRuns.values()].flat(),
      now,
      settings,
    });
    writes.add(() =>
      this.partitions.upsert(judged.partitionsWithNewRootCause, now),
    );
    const open = refresh.stored;
    for (const p of judged.partitionsWithNewRootCause) {
      open.set(partitionKey(p.pipelineRef, p.start), p);
    }
    step('judgeAndRootCause');

    const alertsChanged = await applyAlertPlan({
      alerts: this.alerts,
      desired: judged.desiredAlerts,
      pipelines,
      now,
      settings,
      // Read a moment ago; a user's change since only makes a write a no-op.
      live: liveBefore,
    });
    step('alerts');
    // Read again only when this sweep changed alerts: a user's change since
    // the first read shows in the next sweep's statuses and notices.
    const live = alertsChanged > 0 ? await this.alerts.live() : liveBefore;
    const statuses = judged.withAlerts(live);
    writes.add(() => this.pipelines.writeStatuses(statuses));
    for (const { pipeline, status } of statuses) {
      pipelines.set(pipeline.entityRef, { ...pipeline, status });
    }
    step('statuses');

    // Nothing a notice is planned from changed since this instance's last
    // sweep (no status written, the same pipelines, live alerts and
    // ownerless bad data): it would plan what it sent then.
    const inputs = noticeInputs(live, badData.endpoints);
    const unchanged =
      samePipelines && statuses.length === 0 && current.noticeInputs === inputs;
    let notifications: NotifyResult = { sent: 0, resolved: 0 };
    if (!unchanged) {
      // Whom notices go to: pipelines' owners, and owners of endpoints whose
      // bad data no known pipeline wrote.
      // A pipeline's notice tells its current state as this sweep wrote it.
      const written = new Map(
        statuses.map(s => [s.pipeline.entityRef, s.status]),
      );
      const subjects = new Map<string, NoticeSubject>(
        [...pipelines].map(([ref, p]) => [
          ref,
          {
            title: p.title,
            owner: p.owner,
            status: written.get(ref) ?? p.status,
          },
        ]),
      );
      for (const [ref, endpoint] of badData.endpoints)
        subjects.set(ref, endpoint);
      // Only the holder notifies: a sweep whose lease went to another
      // instance would send what that one sends.
      await lease.confirm();
      notifications = await this.notifier.notify(live, subjects, now);
    }
    step('notify');
    await writes.flush();
    this.carried = {
      sweepId,
      pipelinesVersion: state.pipelinesVersion,
      pipelines,
      open,
      jobs,
      newestPartitions: refresh.newest,
      streamRuns,
      noticeInputs: inputs,
    };
    step('writes');
    return {
      skipped: false as const,
      pipelines: pipelines.size,
      runsAttached: dirty.length,
      partitionsWritten:
        refresh.written + judged.partitionsWithNewRootCause.length,
      problems: judged.desiredAlerts.length,
      statusesWritten: statuses.length,
      alertsChanged,
      notifications,
      runsPending,
      durationMs: Date.now() - started,
      steps,
    };
  }
}
