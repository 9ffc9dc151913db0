import { Box, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  AlertEvent,
  PipelineAlert,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { alertProblemLabel } from '../format/states';
import {
  partitionLabel,
  relativeTime,
  timestampLabel,
} from '../../format/time';
import { AlertActions } from '../shared/AlertActions';
import { FailedChecks } from '../shared/FailedChecks';
import { AlertStateBadge, SeverityBadge } from '../shared/HealthBadge';
import { RootCauseChain } from '../shared/RootCauseChain';
import { personName, pipelineName } from '../../format/entityNames';
import type { AlertAction, AlertTarget } from '../shared/useAlertAction';

const EVENT_COLOURS: Record<AlertEvent['action'], string> = {
  opened: 'var(--bui-negative-bg)',
  reopened: 'var(--bui-negative-bg)',
  escalated: 'var(--bui-negative-bg)',
  acknowledged: 'var(--bui-accent-bg)',
  snoozed: 'var(--bui-fg-secondary)',
  unsnoozed: 'var(--bui-fg-secondary)',
  notified: 'var(--bui-fg-secondary)',
  resolved: 'var(--bui-positive-bg)',
};

const useStyles = makeStyles({
  alert: {
    border: '1px solid var(--bui-border-1)',
    borderRadius: 8,
    padding: 12,
  },
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: '2px solid var(--bui-border-1)',
    marginLeft: 5,
  },
  event: {
    position: 'relative',
    paddingLeft: 16,
    paddingBottom: 8,
    '&:last-child': { paddingBottom: 0 },
  },
  dot: {
    position: 'absolute',
    left: -7,
    top: 3,
    width: 12,
    height: 12,
    borderRadius: '50%',
    border: '2px solid var(--bui-bg-app, #fff)',
    boxSizing: 'border-box',
  },
});

function who(by: string): string {
  return by === 'system' ? 'the health checks' : personName(by);
}

/** "Acknowledged by astrid.lindqvist", "Notified playback", ... */
export function eventInWords(event: AlertEvent): string {
  const note = event.note ? ` (${event.note})` : '';
  switch (event.action) {
    case 'opened':
      return `Opened by ${who(event.by)}${note}`;
    case 'notified':
      return event.note
        ? `Notified ${pipelineName(event.note)}`
        : 'Owners notified';
    case 'escalated':
      return `Escalated${note}`;
    case 'acknowledged':
      return `Acknowledged by ${who(event.by)}${note}`;
    case 'snoozed':
      return `Snoozed by ${who(event.by)}${note}`;
    case 'unsnoozed':
      return `Snooze ended${note}`;
    case 'resolved':
      return `Resolved by ${who(event.by)}${note}`;
    case 'reopened':
      return `Reopened${note}`;
    default:
      return `${event.action} by ${who(event.by)}${note}`;
  }
}

/** What an alert caused upstream is, for its owners: they can only wait. */
function expectedAs(alert: PipelineAlert): string {
  return alert.problem === 'bad_data' ? 'expected bad data' : 'expected delay';
}

function AlertItem(props: {
  alert: PipelineAlert;
  owner?: string;
  stillProblem?: string;
  perform: (target: AlertTarget, action: AlertAction) => void;
  pending: boolean;
}) {
  const { alert, owner, stillProblem, perform, pending } = props;
  const classes = useStyles();
  const history = [...alert.history].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at),
  );
  return (
    <li
      className={classes.alert}
      data-testid={`alert-${alert.id}`}
      data-state={alert.state}
    >
      <Flex direction="column" gap="2">
        <Flex
          justify="between"
          align="start"
          gap="3"
          style={{ flexWrap: 'wrap' }}
        >
          <Flex direction="column" gap="1">
            <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
              <Text variant="body-medium" weight="bold">
                {alertProblemLabel(alert.problem)}
                {alert.rootCause?.chain.length ? ` (${expectedAs(alert)})` : ''}
              </Text>
              <SeverityBadge severity={alert.severity} />
              <AlertStateBadge alert={alert} />
            </Flex>
            <Text variant="body-small" color="secondary">
              Partition {partitionLabel(alert.partition)} · opened{' '}
              <span title={timestampLabel(alert.openedAt)}>
                {relativeTime(alert.openedAt)}
              </span>
              {alert.acknowledgedBy && alert.state === 'acknowledged'
                ? ` · acknowledged by ${personName(alert.acknowledgedBy)}`
                : ''}
            </Text>
            {alert.failedChecks?.length ? (
              <FailedChecks checks={alert.failedChecks} withMessages />
            ) : null}
            <RootCauseChain
              rootCause={alert.rootCause}
              pipelineRef={alert.pipelineRef}
            />
          </Flex>
          <AlertActions
            alert={alert}
            target={{
              alertId: alert.id,
              pipelineRef: alert.pipelineRef,
              owner,
              ...(stillProblem ? { stillProblem } : {}),
            }}
            perform={perform}
            pending={pending}
          />
        </Flex>
        {history.length > 0 && (
          <ol className={classes.timeline} aria-label="History">
            {history.map((event, i) => (
              <li key={`${event.at}-${i}`} className={classes.event}>
                <span
                  className={classes.dot}
                  style={{ background: EVENT_COLOURS[event.action] }}
                  aria-hidden
                />
                <Text variant="body-small">{eventInWords(event)}</Text>{' '}
                <Text
                  variant="body-x-small"
                  color="secondary"
                  title={timestampLabel(event.at)}
                >
                  {timestampLabel(event.at)} · {relativeTime(event.at)}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </Flex>
    </li>
  );
}

/** Props of {@link AlertTimeline}. */
export interface AlertTimelineProps {
  alerts: PipelineAlert[];
  /** Owner of the pipeline, named when an action is refused. */
  owner?: string;
  perform: (target: AlertTarget, action: AlertAction) => void;
  pendingAlertId?: string;
  /** The alert of the pipeline's current problem, while it still holds. */
  current?: { alertId: string; state: string };
}

/**
 * A pipeline's alerts, the ones still open first, then newest first; each
 * with its actions and its history, newest event on top.
 */
export function AlertTimeline(props: AlertTimelineProps) {
  const { alerts, owner, perform, pendingAlertId, current } = props;
  if (alerts.length === 0) {
    return (
      <Text variant="body-small" color="secondary">
        No alerts: nothing has been late or failed recently.
      </Text>
    );
  }
  const ordered = [...alerts].sort(
    (a, b) =>
      Number(a.state === 'resolved') - Number(b.state === 'resolved') ||
      Date.parse(b.openedAt) - Date.parse(a.openedAt),
  );
  return (
    <Box
      as="ul"
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'grid',
        gap: 12,
      }}
    >
      {ordered.map(alert => (
        <AlertItem
          key={alert.id}
          alert={alert}
          owner={owner}
          stillProblem={
            current?.alertId === alert.id ? current.state : undefined
          }
          perform={perform}
          pending={pendingAlertId === alert.id}
        />
      ))}
    </Box>
  );
}
