import {
  Button,
  ButtonIcon,
  Flex,
  Menu,
  MenuItem,
  MenuTrigger,
  Alert,
  Text,
} from '@backstage/ui';
import { useEffect, useRef, useState } from 'react';
import { RiArrowDownSLine, RiCloseLine } from '@remixicon/react';
import type { AlertState } from '@dataplatform/backstage-plugin-data-platform-common';
import { durations } from '../../format/time';
import type {
  AlertAction,
  AlertActionOutcome,
  AlertTarget,
} from './useAlertAction';

/** How long an alert can be snoozed for. */
export const SNOOZE_CHOICES = [
  { id: '30m', label: '30 minutes', ms: 30 * durations.MINUTE },
  { id: '1h', label: '1 hour', ms: durations.HOUR },
  { id: '4h', label: '4 hours', ms: 4 * durations.HOUR },
  { id: '1d', label: '1 day', ms: durations.DAY },
  { id: '3d', label: '3 days', ms: 3 * durations.DAY },
] as const;

/** Props of {@link AlertActions}. */
export interface AlertActionsProps {
  alert: { id: string; state: AlertState };
  target: AlertTarget;
  perform: (target: AlertTarget, action: AlertAction) => void;
  /** True while an action on this alert is under way. */
  pending?: boolean;
}

/**
 * Acknowledge, snooze (for a chosen time) and resolve one alert. Buttons are
 * named after the pipeline for screen readers, as a list has many of them.
 */
export function AlertActions(props: AlertActionsProps) {
  const { alert, target, perform, pending } = props;
  const [confirming, setConfirming] = useState(false);
  if (alert.state === 'resolved') {
    return null;
  }
  const subject = target.pipelineRef;
  if (confirming) {
    return (
      <ConfirmResolve
        target={target}
        onResolve={() => {
          setConfirming(false);
          perform(target, { kind: 'resolve' });
        }}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  return (
    <Flex gap="1" align="center" style={{ flexWrap: 'wrap' }}>
      {alert.state !== 'acknowledged' && (
        <Button
          size="small"
          variant="secondary"
          isDisabled={pending}
          aria-label={`Acknowledge alert on ${subject}`}
          onPress={() => perform(target, { kind: 'acknowledge' })}
        >
          Acknowledge
        </Button>
      )}
      <MenuTrigger>
        <Button
          size="small"
          variant="tertiary"
          isDisabled={pending}
          iconEnd={<RiArrowDownSLine size={14} aria-hidden />}
          aria-label={`Snooze alert on ${subject}`}
        >
          Snooze
        </Button>
        <Menu
          aria-label="Snooze for"
          onAction={key => {
            const choice = SNOOZE_CHOICES.find(c => c.id === key);
            if (choice) {
              const until = new Date(Date.now() + choice.ms).toISOString();
              perform(target, { kind: 'snooze', until });
            }
          }}
        >
          {SNOOZE_CHOICES.map(choice => (
            <MenuItem key={choice.id} id={choice.id}>
              {`for ${choice.label}`}
            </MenuItem>
          ))}
        </Menu>
      </MenuTrigger>
      <Button
        size="small"
        variant="tertiary"
        isDisabled={pending}
        aria-label={`Resolve alert on ${subject}`}
        onPress={() =>
          target.stillProblem
            ? setConfirming(true)
            : perform(target, { kind: 'resolve' })
        }
      >
        Resolve
      </Button>
    </Flex>
  );
}

/**
 * Resolving an alert whose pipeline is still late or failed: says so, and
 * that the next health check reopens it, before it is done.
 */
function ConfirmResolve(props: {
  target: AlertTarget;
  onResolve: () => void;
  onCancel: () => void;
}) {
  const { target } = props;
  const resolveAnyway = useRef<HTMLButtonElement>(null);
  // The question takes the place of the Resolve button the user just pressed.
  useEffect(() => resolveAnyway.current?.focus(), []);
  return (
    <Flex direction="column" gap="1" role="group" aria-label="Confirm resolve">
      <Text variant="body-small">
        {`${target.pipelineRef} is still ${target.stillProblem}: the next health check reopens this alert until it lands. Snooze to quiet it instead.`}
      </Text>
      <Flex gap="1">
        <Button
          size="small"
          variant="secondary"
          ref={resolveAnyway}
          aria-label={`Resolve anyway: alert on ${target.pipelineRef}`}
          onPress={props.onResolve}
        >
          Resolve anyway
        </Button>
        <Button size="small" variant="tertiary" onPress={props.onCancel}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
}

/** The outcome of the last alert action, dismissable. */
export function AlertActionOutcomeBanner(props: {
  outcome?: AlertActionOutcome;
  onDismiss: () => void;
}) {
  const { outcome, onDismiss } = props;
  const ref = useRef<HTMLDivElement>(null);
  // After an action its row may be gone (acknowledged, resolved): focus
  // moves to what happened instead of falling to the page body.
  useEffect(() => {
    if (outcome) ref.current?.focus();
  }, [outcome]);
  if (!outcome) return null;
  return (
    <div ref={ref} tabIndex={-1} data-testid="alert-action-outcome">
      <Alert
        status={outcome.status}
        icon
        title={outcome.title}
        description={outcome.description}
        role={outcome.status === 'danger' ? 'alert' : 'status'}
        customActions={
          <ButtonIcon
            size="small"
            variant="tertiary"
            aria-label="Dismiss"
            icon={<RiCloseLine size={16} aria-hidden />}
            onPress={onDismiss}
          />
        }
      />
    </div>
  );
}
