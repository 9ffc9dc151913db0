import type {
  AlertProblem,
  AlertSeverity,
  AlertState,
  EndpointFreshness,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The colour family a state is shown in. */
export type HealthTone = 'danger' | 'warning' | 'info' | 'success' | 'neutral';

/** A pipeline's state on the on-call list: its worst recent partition, or healthy. */
export type PipelineState = OnCallRow['state'];

type Presentation = { label: string; tone: HealthTone; description: string };

const PIPELINE_STATES: Record<PipelineState, Presentation> = {
  failed: {
    label: 'Failed',
    tone: 'danger',
    description: 'The latest run failed and no later run succeeded.',
  },
  late: {
    label: 'Late',
    tone: 'warning',
    description:
      'The deadline passed and the partition has not landed (with or without a run).',
  },
  bad_data: {
    label: 'Bad data',
    tone: 'danger',
    description:
      'The partition landed, but a critical quality check of what it wrote fails.',
  },
  running: {
    label: 'Running',
    tone: 'info',
    description: 'A run is under way and the deadline has not passed.',
  },
  pending: {
    label: 'Pending',
    tone: 'neutral',
    description: 'No run yet, and the deadline has not passed.',
  },
  landed_on_time: {
    label: 'On time',
    tone: 'success',
    description: 'Landed before its deadline.',
  },
  landed_late: {
    label: 'Landed late',
    tone: 'success',
    description: 'Landed, but after its deadline.',
  },
  backfilled: {
    label: 'Backfilled',
    tone: 'info',
    description: 'Landed by a re-run started long after its period.',
  },
  healthy: {
    label: 'Healthy',
    tone: 'success',
    description: 'Every recent partition landed or is on its way in time.',
  },
};

/** Label, colour and one-sentence meaning of a partition or pipeline state. */
export function pipelineStatePresentation(state: PipelineState): Presentation {
  return (
    PIPELINE_STATES[state] ?? { label: state, tone: 'neutral', description: '' }
  );
}

const ALERT_STATES: Record<AlertState, { label: string; tone: HealthTone }> = {
  open: { label: 'Open', tone: 'danger' },
  acknowledged: { label: 'Acknowledged', tone: 'info' },
  snoozed: { label: 'Snoozed', tone: 'neutral' },
  resolved: { label: 'Resolved', tone: 'success' },
};

export function alertStatePresentation(state: AlertState) {
  return ALERT_STATES[state] ?? { label: state, tone: 'neutral' as const };
}

const SEVERITIES: Record<
  AlertSeverity,
  { label: string; tone: HealthTone; rank: number }
> = {
  critical: { label: 'Critical', tone: 'danger', rank: 0 },
  high: { label: 'High', tone: 'warning', rank: 1 },
  normal: { label: 'Normal', tone: 'info', rank: 2 },
  low: { label: 'Low', tone: 'neutral', rank: 3 },
};

export function severityPresentation(severity: AlertSeverity) {
  return (
    SEVERITIES[severity] ?? {
      label: severity,
      tone: 'neutral' as const,
      rank: 9,
    }
  );
}

const PROBLEMS: Record<AlertProblem, string> = {
  late: 'Late partition',
  failed: 'Failed run',
  stale: 'Stale output',
  bad_data: 'Bad data',
};

export function alertProblemLabel(problem: AlertProblem): string {
  return PROBLEMS[problem] ?? problem;
}

const FRESHNESS: Record<
  EndpointFreshness['state'],
  { label: string; tone: HealthTone }
> = {
  fresh: { label: 'Fresh', tone: 'success' },
  late: { label: 'Late', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
  unknown: { label: 'Unknown', tone: 'neutral' },
};

export function freshnessPresentation(state: EndpointFreshness['state']) {
  return FRESHNESS[state] ?? { label: state, tone: 'neutral' as const };
}
