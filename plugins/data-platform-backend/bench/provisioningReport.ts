/*
 * What the provisioning benchmark prints: the machine, the targets beside
 * their same-run baselines, where each reconcile spent its time, and the
 * Google API calls behind each figure, by method.
 */
import type { DesiredResource } from '@dataplatform/backstage-plugin-data-platform-common';
import os from 'node:os';
import type { ReconcileSummary } from '../src/services/Provisioning/ProvisioningEngine';
import { printTable } from './benchSupport';
import type { FullApplyResult } from './fullApply';
import type { CallCounts } from './googleApiFake/GoogleApiFake';

/** One reconcile as the benchmark timed it, with the calls the fake saw. */
export type TimedReconcile = {
  label: string;
  summary: ReconcileSummary;
  ms: number;
  /** CPU time of the main thread (the engine and the clients; not the fake, not the database). */
  cpuMs: number;
  counts: CallCounts;
};

const TARGETS = { observeShare: 0.01, fullPlanMs: 10_000, replanMs: 2_000 };
/** BigQuery's tables.insert limit, which bounds a full apply. */
const TABLE_INSERTS_PER_SECOND = 10;

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);
const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
const googleTime = (ms: number) => {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const minutes = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return `${Math.floor(s / 3600)} h ${minutes} min`;
};
const percent = (part: number, whole: number) =>
  `${((100 * part) / whole).toFixed(2)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const byMethod = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, n]) => `${method} ${n}`)
    .join(', ') || 'none';
const median = (runs: TimedReconcile[]) =>
  [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];

export function printProvisioningReport(run: {
  preset: string;
  database: string;
  resources: DesiredResource[];
  emptyPlan: TimedReconcile;
  fullPlan: TimedReconcile;
  replans: TimedReconcile[];
  /** Same-run floors: derive and fingerprint alone; writing every row alone. */
  floors: { deriveMs: number; storeMs: number };
  apply: FullApplyResult & { counts: CallCounts; concurrency: number };
  naive: {
    calls: number;
    googleMs: number;
    wallMs: number;
    counts: CallCounts;
  };
  registration: {
    dryRun: CallCounts;
    apply: CallCounts;
    created: number;
    states: { id: string; state: string }[];
  };
  local: {
    ms: number;
    applied: number;
    states: { id: string; state: string }[];
  };
  fake: { billedBytes: number };
}): void {
  const { fullPlan, emptyPlan, apply, naive, registration, local } = run;
  const replan = median(run.replans);
  const types: Record<string, number> = {};
  for (const r of run.resources) types[r.type] = (types[r.type] ?? 0) + 1;
  const observeCalls = total(fullPlan.counts.calls);
  const quotaErrors = total(apply.counts.rateLimited);
  const tables = types['bigquery-table'] ?? 0;
  const quotaFloorMs = (tables / TABLE_INSERTS_PER_SECOND) * 1000;
  const registrationCalls = total(registration.apply.calls);

  console.log(
    `\n${run.preset} preset: ${
      run.resources.length
    } resources (${Object.entries(types)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ')}); plugin store on ${run.database}`,
  );
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GB; load average at the end ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' / ')}\n`,
  );
  printTable(
    ['', 'measured', 'baseline, same run', 'ratio', 'target', ''],
    [
      [
        '1. Google API calls, full observe',
        `${observeCalls}`,
        `${naive.calls} (one GET per resource)`,
        percent(observeCalls, naive.calls),
        '<= 1%',
        verdict(observeCalls <= TARGETS.observeShare * naive.calls),
      ],
      [
        '2. full plan, everything exists',
        seconds(fullPlan.ms),
        `${googleTime(naive.googleMs)} (one GET per resource, at quota)`,
        percent(fullPlan.ms, naive.googleMs),
        '<= 10 s',
        verdict(fullPlan.ms <= TARGETS.fullPlanMs),
      ],
      [
        '   floor: writing every row alone',
        seconds(run.floors.storeMs),
        '',
        '',
        '',
        '',
      ],
      [
        '   full plan, empty project',
        seconds(emptyPlan.ms),
        '',
        '',
        '<= 10 s',
        verdict(emptyPlan.ms <= TARGETS.fullPlanMs),
      ],
      [
        `3. re-plan, nothing changed (median of ${run.replans.length})`,
        seconds(replan.ms),
        `${seconds(fullPlan.ms)} (full plan)`,
        `${(replan.ms / fullPlan.ms).toFixed(2)}x`,
        '<= 2 s',
        verdict(replan.ms <= TARGETS.replanMs),
      ],
      [
        '   floor: derive and fingerprint alone',
        seconds(run.floors.deriveMs),
        '',
        '',
        '',
        '',
      ],
      [
        '4. full apply: quota errors',
        `${quotaErrors} answered, ${apply.failed} failed`,
        `${total(apply.counts.calls)} calls`,
        percent(quotaErrors, total(apply.counts.calls)),
        '0',
        verdict(quotaErrors === 0 && apply.failed === 0),
      ],
      [
        '   full apply: Google time',
        googleTime(apply.googleMs),
        `${googleTime(quotaFloorMs)} (${tables} tables.insert at 10/s)`,
        `${(apply.googleMs / quotaFloorMs).toFixed(2)}x`,
        '',
        '',
      ],
      [
        '5. new event type on GCP: round trips',
        `${total(
          registration.dryRun.calls,
        )} dry run + ${registrationCalls} apply`,
        `${registration.created} resources created`,
        `${(registrationCalls / Math.max(1, registration.created)).toFixed(
          1,
        )} per resource`,
        '',
        '',
      ],
      [
        '   new event type on the local warehouse',
        seconds(local.ms),
        `${local.applied} resources created`,
        '',
        'seconds',
        verdict(local.ms < 10_000),
      ],
    ],
    1,
  );

  console.log('\nWhere each reconcile spent its time:');
  printTable(
    [
      '',
      'read catalog',
      'derive',
      'observe (gcp)',
      'plan',
      'store',
      'total',
      'main-thread CPU',
      'unchanged',
      'calls',
    ],
    [emptyPlan, fullPlan, ...run.replans].map(r => [
      r.label,
      seconds(r.summary.steps.readCatalogMs),
      seconds(r.summary.steps.deriveMs),
      seconds(r.summary.steps.observeMs.gcp ?? 0),
      seconds(r.summary.steps.planMs),
      seconds(r.summary.steps.storeMs),
      seconds(r.ms),
      seconds(r.cpuMs),
      `${r.summary.unchanged}`,
      `${total(r.counts.calls)}`,
    ]),
    1,
  );

  const lines = [
    `full observe, everything exists: ${byMethod(fullPlan.counts.calls)}`,
    `full observe, empty project: ${byMethod(emptyPlan.counts.calls)}`,
    `re-plan: ${byMethod(replan.counts.calls)}`,
    `full apply, ${apply.concurrency} resources at once, ${seconds(
      apply.wallMs,
    )} wall: ${byMethod(apply.counts.calls)}`,
    `full apply, answered a rate-limit error (each retried): ${byMethod(
      apply.counts.rateLimited,
    )}`,
    `one GET per resource, ${seconds(naive.wallMs)} wall: ${byMethod(
      naive.counts.calls,
    )}; rate-limited ${byMethod(naive.counts.rateLimited)}`,
    `new event type, dry run: ${byMethod(registration.dryRun.calls)}`,
    `new event type, apply: ${byMethod(registration.apply.calls)}`,
    `new event type afterwards on GCP: ${registration.states
      .map(s => `${s.id} ${s.state}`)
      .join(', ')}`,
    `new event type afterwards on the local warehouse: ${local.states
      .map(s => `${s.id} ${s.state}`)
      .join(', ')}`,
    `INFORMATION_SCHEMA queries billed ${Math.round(
      run.fake.billedBytes / 2 ** 20,
    )} MB in all (10 MB each at least)`,
  ];
  if (apply.failures.length) {
    lines.push(`first failed changes: ${apply.failures.join('; ')}`);
  }
  const unknown = [
    ...emptyPlan.counts.unknown,
    ...fullPlan.counts.unknown,
    ...apply.counts.unknown,
  ];
  if (unknown.length) {
    lines.push(`calls the fake has no method for: ${unknown.join(', ')}`);
  }
  console.log('\nGoogle API calls:');
  for (const line of lines) console.log(`  ${line}`);
}
