import type {
  ApplyRecord,
  ApplyTrigger,
  ChangeAction,
  ChangeResult,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { personName } from '../../format/entityNames';
import type { Presentation } from './resources';

const ACTIONS: Record<ChangeAction, string> = {
  create: 'Create',
  'add-column': 'Add column',
  'relax-mode': 'Relax mode',
  'set-description': 'Set description',
  'set-policy-tag': 'Set policy tag',
  'set-clustering': 'Set clustering',
  'set-partition-expiration': 'Set partition expiration',
  'set-partition-filter': 'Set partition filter',
  'set-message-retention': 'Set message retention',
  'set-topic-schema': 'Set topic schema',
  'set-labels': 'Set labels',
  'commit-schema-revision': 'Commit schema revision',
  'prune-schema-revision': 'Delete old schema revision',
  'set-delivery-table': 'Change delivery table',
  'set-transform': 'Install anonymization',
  grant: 'Grant',
  revoke: 'Revoke',
};

/** `Add column` for `add-column`. */
export function changeActionLabel(action: ChangeAction): string {
  return ACTIONS[action] ?? action;
}

const APPLY_STATUSES: Record<ApplyRecord['status'], Presentation> = {
  running: {
    label: 'Running',
    tone: 'info',
    description: 'The apply is under way.',
  },
  applied: {
    label: 'Applied',
    tone: 'success',
    description: 'Every change was applied.',
  },
  partial: {
    label: 'Partly applied',
    tone: 'warning',
    description: 'Some changes failed; the others stay applied.',
  },
  failed: {
    label: 'Failed',
    tone: 'danger',
    description: 'No change was applied.',
  },
};

export function applyStatusPresentation(
  status: ApplyRecord['status'],
): Presentation {
  return (
    APPLY_STATUSES[status] ?? {
      label: status,
      tone: 'neutral',
      description: '',
    }
  );
}

const RESULTS: Record<ChangeResult['status'], Presentation> = {
  applied: { label: 'Applied', tone: 'success', description: '' },
  failed: { label: 'Failed', tone: 'danger', description: '' },
  skipped: { label: 'Skipped', tone: 'neutral', description: '' },
};

export function changeResultPresentation(
  status: ChangeResult['status'],
): Presentation {
  return RESULTS[status] ?? { label: status, tone: 'neutral', description: '' };
}

const TRIGGERS: Record<ApplyTrigger, string> = {
  manual: 'from this tab or the API',
  auto: 'automatically',
  scaffolder: 'from a scaffolder template',
};

/**
 * Who applied and how: "guest, from this tab or the API", "the scheduled
 * reconcile (additive changes only)".
 */
export function appliedBy(record: Pick<ApplyRecord, 'actor' | 'trigger'>) {
  if (record.trigger === 'auto' && record.actor === 'reconcile') {
    return 'the scheduled reconcile (additive changes only)';
  }
  return `${personName(record.actor)}, ${
    TRIGGERS[record.trigger] ?? record.trigger
  }`;
}
