/*
 * Benchmark 1 of issue 4: one health sweep over the generator's platform
 * (38,000 pipelines on the spotify preset) vs a naive loop that evaluates
 * the pipelines one by one through the same stores, in the same run, on
 * PostgreSQL (a throwaway database on 127.0.0.1:5432).
 *
 * Setup (not measured): the platform registered for health and in the
 * lineage index; --hours of its runs (failures, late starts, stalled
 * pipelines, blocked downstream) recorded; a first sweep attaching them.
 * Measured:
 *   - steady sweep: a minute later, nothing new (median of 5);
 *   - naive loop: the same evaluation, pipeline by pipeline (pipeline, runs,
 *     partitions read; partitions and status written when changed);
 *   - top-of-hour sweep: after the next hour's burst of runs was recorded
 *     (every batch pipeline's START and COMPLETE/FAIL), the sweep that
 *     attaches them all and judges the new partitions.
 *
 *   yarn bench:health [--preset spotify|large|medium|small] [--hours 6] [--naive-limit 2000]
 */
import type { PresetName } from '@dataplatform/data-platform-generator';
import { generateOpenLineageEvents } from '@dataplatform/data-platform-generator';
import { evaluatePipeline } from '../src/services/Health/partitions/evaluatePipeline';
import { partitionChanged } from '../src/services/Health/partitions/judgeStoredPartition';
import { batchProblems } from '../src/services/Health/sweep/pipelineProblems';
import {
  HealthSweep,
  SweepResult,
} from '../src/services/Health/sweep/HealthSweep';
import {
  partitionKey,
  PartitionStore,
} from '../src/services/Health/store/PartitionStore';
import { PipelineStore } from '../src/services/Health/store/PipelineStore';
import { RunStore } from '../src/services/Health/store/RunStore';
import { RunRecorder } from '../src/services/Health/runs/RunRecorder';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  asValidated,
  benchDatabase,
  benchSettings,
  flag,
  HOUR,
  log,
  MINUTE,
  ms,
  recordHistory,
  registerPlatform,
} from './healthBenchPlatform';

const preset = flag('preset', 'spotify') as PresetName;
const hours = Number(flag('hours', '6'));
const END = Date.parse('2026-11-26T10:00:00Z');
const quietNotifications: NotificationService & { count: number } = {
  count: 0,
  async send() {
    this.count++;
  },
};

function describe(result: SweepResult): string {
  if (result.skipped) return 'skipped';
  return `${result.durationMs} ms (${result.pipelines} pipelines, ${
    result.runsAttached
  } runs attached, ${result.partitionsWritten} partitions written, ${
    result.problems
  } problems, ${result.statusesWritten} statuses, ${
    result.alertsChanged
  } alert changes, ${
    result.notifications.sent
  } notifications; steps ${JSON.stringify(result.steps)})`;
}

async function main() {
  const { db, drop } = await benchDatabase('health_sweep');
  try {
    const settings = benchSettings();
    log(`registering the ${preset} platform...`);
    // Registered at the end of the recorded history, like a catalog sync on a
    // running platform: partitions are judged from each pipeline's first run on.
    const { platform, pipelines } = await registerPlatform(
      db,
      preset,
      END + 25 * MINUTE,
    );
    log(
      `${pipelines.length} pipelines registered; recording ${hours} hours of runs...`,
    );
    const events = await recordHistory(db, platform, {
      end: END,
      hours,
      until: END + 25 * MINUTE,
    });
    log(`${events} run events recorded`);
    const sweep = new HealthSweep(db, settings, quietNotifications);

    let now = END + 25 * MINUTE;
    log(`first sweep (attaches every run): ${describe(await sweep.run(now))}`);

    const steady: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const started = performance.now();
      const result = await sweep.run(now + i * MINUTE);
      steady.push(performance.now() - started);
      if (i === 1) log(`steady sweep: ${describe(result)}`);
    }
    now += 5 * MINUTE;
    const steadyMedian = [...steady].sort((a, b) => a - b)[2];

    // The naive alternative at the same instant, on the same state.
    const pipelineStore = new PipelineStore(db);
    const runStore = new RunStore(db);
    const partitionStore = new PartitionStore(db);
    const refs = [...(await pipelineStore.etags()).keys()].sort();
    // The naive loop is slow by nature: time a sample and extrapolate.
    const limit = Number(flag('naive-limit', '2000'));
    const sample = refs
      .filter((_, i) => i % Math.max(1, Math.floor(refs.length / limit)) === 0)
      .slice(0, limit);
    const naiveStarted = performance.now();
    let naiveWrites = 0;
    for (const ref of sample) {
      const pipeline = (await pipelineStore.get(ref))!;
      const since = now - settings.lookbackMs;
      const runs = await runStore.forPipeline(ref, since, 1000);
      const stored = await partitionStore.forPipeline(ref, since);
      const storedByKey = new Map(
        stored.map(p => [partitionKey(p.pipelineRef, p.start), p]),
      );
      const evaluated = evaluatePipeline(
        pipeline,
        runs,
        stored,
        since,
        now,
        settings,
      );
      const changed = evaluated.filter(
        p =>
          p.state !== 'pending' &&
          partitionChanged(
            p,
            storedByKey.get(partitionKey(p.pipelineRef, p.start)),
          ),
      );
      if (changed.length) {
        await partitionStore.upsert(changed, now);
        naiveWrites += changed.length;
      }
      const open = evaluated.filter(p =>
        ['late', 'failed', 'running', 'pending'].includes(p.state),
      );
      const problems = batchProblems(ref, open, now);
      const worst = problems[0];
      const status = worst
        ? {
            ...pipeline.status,
            state: worst.state,
            problem: true,
            partition: worst.partition,
            since: worst.since,
            deadline: worst.deadline,
          }
        : { ...pipeline.status, state: 'healthy', problem: false };
      if (
        status.state !== pipeline.status.state ||
        status.partition !== pipeline.status.partition
      ) {
        await pipelineStore.writeStatuses([{ pipeline, status }]);
      }
    }
    const naiveMs =
      ((performance.now() - naiveStarted) * refs.length) / sample.length;
    log(
      `naive loop: ${ms(naiveMs)}${
        sample.length < refs.length
          ? ` (extrapolated from every ${Math.floor(
              refs.length / sample.length,
            )}th pipeline, ${sample.length} timed)`
          : ''
      } for ${refs.length} pipelines, ${naiveWrites} partition writes`,
    );

    // Top of the next hour: every batch pipeline's START and COMPLETE/FAIL.
    const recorder = new RunRecorder(db);
    let burst = 0;
    let batch = [];
    for (const event of generateOpenLineageEvents(platform, {
      end: END + HOUR,
      mode: 'burst',
    })) {
      batch.push(asValidated(event));
      burst++;
      if (batch.length === 5000) {
        const b = batch;
        batch = [];
        await db.transaction(tx => recorder.handle(b, tx));
      }
    }
    if (batch.length) await db.transaction(tx => recorder.handle(batch, tx));
    const boundary = await sweep.run(END + HOUR + 2 * MINUTE);
    log(`top-of-hour sweep after ${burst} burst events: ${describe(boundary)}`);
    const after = await sweep.run(END + HOUR + 3 * MINUTE);
    log(`the sweep after it: ${describe(after)}`);

    console.log('');
    console.log(
      `RESULT health sweep (${preset}, ${refs.length} pipelines, PostgreSQL)`,
    );
    console.log(
      `  one sweep (steady, median of 5): ${ms(
        steadyMedian,
      )}   target < 1000 ms: ${steadyMedian < 1000 ? 'met' : 'MISSED'}`,
    );
    console.log(`  naive loop, one by one:          ${ms(naiveMs)}`);
    console.log(
      `  ratio naive / sweep:             ${(naiveMs / steadyMedian).toFixed(
        0,
      )}x   target >= 50x: ${naiveMs / steadyMedian >= 50 ? 'met' : 'MISSED'}`,
    );
    if (!boundary.skipped) {
      console.log(
        `  top-of-hour sweep (${burst} events to attach): ${boundary.durationMs} ms`,
      );
    }
  } finally {
    await drop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
