import { DesiredAlert, planAlerts } from '../alerts/planAlerts';
import type { HealthSettings } from '../healthSettings';
import type { AlertRecord, AlertStore } from '../store/AlertStore';
import type { HealthPipeline } from '../store/PipelineStore';

function resolutionNote(
  alert: AlertRecord,
  pipelines: Map<string, HealthPipeline>,
  judgedSince: number,
): string {
  if (alert.problem === 'bad_data') {
    // Its pipeline, or the endpoint nobody is known to write.
    return alert.partitionStart !== undefined &&
      alert.partitionStart < judgedSince
      ? 'the partition is older than the health lookback'
      : 'its critical checks pass again';
  }
  if (!pipelines.has(alert.pipelineRef)) return 'the pipeline left the catalog';
  switch (alert.problem) {
    case 'failed':
      return 'a run succeeded';
    case 'stale':
      return 'the output is fresh again';
    default:
      return 'the partition landed';
  }
}

/**
 * Plans the alert lifecycle against the stored alerts and applies it. Each
 * write is guarded (a unique live slot per pipeline and problem, per
 * partition for bad data; expected states on changes), so a concurrent
 * sweep or a user's action makes a write a no-op rather than a duplicate.
 * Returns how many writes took effect.
 */
export async function applyAlertPlan(options: {
  alerts: AlertStore;
  desired: DesiredAlert[];
  pipelines: Map<string, HealthPipeline>;
  now: number;
  settings: Pick<HealthSettings, 'reopenWithinMs' | 'lookbackMs'>;
  /** The live alerts, when just read; read here otherwise. */
  live?: AlertRecord[];
}): Promise<number> {
  const { alerts, now, settings, pipelines } = options;
  const [live, recentlyResolved] = await Promise.all([
    options.live ?? alerts.live(),
    alerts.resolvedSince(
      now - Math.max(settings.reopenWithinMs, settings.lookbackMs),
    ),
  ]);
  const actions = planAlerts({
    desired: options.desired,
    live,
    recentlyResolved,
    now,
    reopenWithinMs: settings.reopenWithinMs,
    resolutionNote: alert =>
      resolutionNote(alert, pipelines, now - settings.lookbackMs),
  });
  const opens = actions.flatMap(a => (a.kind === 'open' ? [a] : []));
  const opened = await alerts.open(
    opens.map(a => ({
      pipelineRef: a.alert.pipelineRef,
      problem: a.alert.problem,
      partitionStart: a.alert.partitionStart,
      severity: a.alert.severity,
      openedAt: now,
      rootCause: a.alert.rootCause,
      rootCauseRef: a.alert.rootCauseRef,
      details: a.alert.details,
      event: a.event,
    })),
  );
  let applied = opened.length;
  const changes = actions.flatMap(a => (a.kind === 'change' ? [a] : []));
  // Resolutions and same-state updates in bulk; state transitions one by one.
  const resolutions = changes.filter(
    a => a.change.state === 'resolved' && a.expected.length > 1,
  );
  const updates = changes.filter(a => a.change.state === undefined);
  const transitions = changes.filter(
    a => !resolutions.includes(a) && !updates.includes(a),
  );
  applied += await alerts.resolveMany(
    resolutions.map(a => ({ id: a.id, note: a.events[0]?.note ?? '' })),
    now,
  );
  applied += await alerts.updateMany(updates, now);
  for (const action of transitions) {
    if (
      await alerts.change(
        action.id,
        action.expected,
        action.change,
        action.events,
        now,
      )
    ) {
      applied += 1;
    }
  }
  return applied;
}
