import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { PipelineAlert } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineHealthApiRef } from '../../api/healthApi';
import { timestampLabel } from '../../format/time';
import { pipelineName } from '../../format/entityNames';

/** What an on-call engineer can do to an alert. */
export type AlertAction =
  | { kind: 'acknowledge' }
  | { kind: 'snooze'; until: string }
  | { kind: 'resolve' };

/** The alert an action is for, and what the messages name. */
export type AlertTarget = {
  alertId: string;
  pipelineRef: string;
  /** Owner entity ref of the pipeline, named when the action is refused. */
  owner?: string;
  /**
   * The pipeline's problem when it still holds ("late", "failed"):
   * resolving then asks first, as the next health check reopens the alert.
   */
  stillProblem?: string;
};

/** The outcome of the last action, shown above the list it was taken in. */
export type AlertActionOutcome = {
  status: 'success' | 'danger';
  title: string;
  description?: string;
};

const VERBS = {
  acknowledge: 'acknowledge',
  snooze: 'snooze',
  resolve: 'resolve',
} as const;

function successTitle(action: AlertAction, pipeline: string): string {
  switch (action.kind) {
    case 'acknowledge':
      return `Acknowledged the alert on ${pipeline}.`;
    case 'snooze':
      return `Snoozed the alert on ${pipeline} until ${timestampLabel(
        action.until,
      )}.`;
    default:
      return `Resolved the alert on ${pipeline}.`;
  }
}

function ownerName(owner?: string): string {
  return owner ? pipelineName(owner) : 'its owners';
}

/** Says why an action failed; a 403 says who may take it instead. */
export function failureOutcome(
  action: AlertAction,
  target: AlertTarget,
  error: unknown,
): AlertActionOutcome {
  const verb = VERBS[action.kind];
  const pipeline = pipelineName(target.pipelineRef);
  if (error instanceof ResponseError && error.statusCode === 403) {
    return {
      status: 'danger',
      title: `You are not allowed to ${verb} alerts of ${pipeline}.`,
      description: `Only members of ${ownerName(
        target.owner,
      )} (the pipeline's owners) or someone holding the on-call permission can. Ask them to ${verb} it, or ask your Backstage admins for the on-call permission.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'danger',
    title: `Could not ${verb} the alert on ${pipeline}.`,
    description: message,
  };
}

/**
 * Acknowledge, snooze and resolve through the health API, one at a time per
 * alert, with a message for the outcome. `onChanged` gets the updated alert
 * so the caller can refresh what it shows.
 */
export function useAlertAction(onChanged: (alert: PipelineAlert) => void) {
  const api = useApi(pipelineHealthApiRef);
  const [pendingAlertId, setPendingAlertId] = useState<string>();
  const [outcome, setOutcome] = useState<AlertActionOutcome>();

  const perform = useCallback(
    async (target: AlertTarget, action: AlertAction) => {
      setPendingAlertId(target.alertId);
      setOutcome(undefined);
      try {
        let alert: PipelineAlert;
        if (action.kind === 'acknowledge') {
          alert = await api.acknowledgeAlert(target.alertId);
        } else if (action.kind === 'snooze') {
          alert = await api.snoozeAlert(target.alertId, {
            until: action.until,
          });
        } else {
          alert = await api.resolveAlert(target.alertId);
        }
        setOutcome({
          status: 'success',
          title: successTitle(action, pipelineName(target.pipelineRef)),
        });
        onChanged(alert);
      } catch (error) {
        setOutcome(failureOutcome(action, target, error));
      } finally {
        setPendingAlertId(undefined);
      }
    },
    [api, onChanged],
  );

  return {
    perform,
    pendingAlertId,
    outcome,
    clearOutcome: useCallback(() => setOutcome(undefined), []),
  };
}
