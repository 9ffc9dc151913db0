import { ReactNode } from 'react';
import { Badge } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  RiCheckboxCircleLine,
  RiCloseCircleLine,
  RiFileWarningLine,
  RiHistoryLine,
  RiHourglassLine,
  RiLoader4Line,
  RiTimeLine,
} from '@remixicon/react';
import type {
  AlertSeverity,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  HealthTone,
  PipelineState,
  alertStatePresentation,
  pipelineStatePresentation,
  severityPresentation,
} from '../format/states';
import { timestampLabel } from '../../format/time';

const useStyles = makeStyles({
  badge: { whiteSpace: 'nowrap' },
  danger: {
    backgroundColor: 'var(--bui-negative-bg-subdued)',
    color: 'var(--bui-negative-fg-subdued)',
    borderColor: 'var(--bui-negative-border)',
  },
  warning: {
    backgroundColor: 'var(--bui-warning-bg-subdued)',
    color: 'var(--bui-warning-fg-subdued)',
    borderColor: 'var(--bui-warning-border)',
  },
  info: {
    backgroundColor: 'var(--bui-bg-neutral-2)',
    color: 'var(--bui-accent-bg)',
    borderColor: 'var(--bui-accent-bg)',
  },
  success: {
    backgroundColor: 'var(--bui-positive-bg-subdued)',
    color: 'var(--bui-positive-fg-subdued)',
    borderColor: 'var(--bui-positive-border)',
  },
  neutral: {},
});

/** A small coloured badge; `data-tone` lets tests and styles tell the colours apart. */
export function ToneBadge(props: {
  tone: HealthTone;
  children: ReactNode;
  icon?: ReactNode;
  title?: string;
}) {
  const classes = useStyles();
  return (
    <Badge
      size="small"
      icon={props.icon}
      title={props.title}
      className={`${classes.badge} ${classes[props.tone]}`}
      data-tone={props.tone}
    >
      {props.children}
    </Badge>
  );
}

const STATE_ICONS: Partial<Record<PipelineState, ReactNode>> = {
  failed: <RiCloseCircleLine size={14} aria-hidden />,
  late: <RiTimeLine size={14} aria-hidden />,
  bad_data: <RiFileWarningLine size={14} aria-hidden />,
  running: <RiLoader4Line size={14} aria-hidden />,
  pending: <RiHourglassLine size={14} aria-hidden />,
  landed_on_time: <RiCheckboxCircleLine size={14} aria-hidden />,
  landed_late: <RiCheckboxCircleLine size={14} aria-hidden />,
  backfilled: <RiHistoryLine size={14} aria-hidden />,
  healthy: <RiCheckboxCircleLine size={14} aria-hidden />,
};

/** A pipeline's or partition's state as a coloured chip with an icon (not colour alone). */
export function PipelineStateBadge(props: { state: PipelineState }) {
  const { label, tone, description } = pipelineStatePresentation(props.state);
  return (
    <ToneBadge tone={tone} icon={STATE_ICONS[props.state]} title={description}>
      {label}
    </ToneBadge>
  );
}

/** Severity of an alert. */
export function SeverityBadge(props: { severity: AlertSeverity }) {
  const { label, tone } = severityPresentation(props.severity);
  return (
    <ToneBadge tone={tone} title={`Severity: ${label.toLowerCase()}`}>
      {label}
    </ToneBadge>
  );
}

/** Where an alert stands: open, acknowledged, snoozed until when, resolved. */
export function AlertStateBadge(props: {
  alert: NonNullable<OnCallRow['alert']>;
}) {
  const { state, snoozedUntil } = props.alert;
  const { label, tone } = alertStatePresentation(state);
  const text =
    state === 'snoozed' && snoozedUntil
      ? `Snoozed until ${timestampLabel(snoozedUntil)}`
      : label;
  return <ToneBadge tone={tone}>{text}</ToneBadge>;
}
