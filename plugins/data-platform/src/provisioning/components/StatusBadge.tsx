import { ReactNode } from 'react';
import {
  RiCheckboxCircleLine,
  RiCloseCircleLine,
  RiErrorWarningLine,
  RiHourglassLine,
  RiIndeterminateCircleLine,
  RiLoader4Line,
  RiSkipForwardLine,
} from '@remixicon/react';
import type {
  ApplyRecord,
  ChangeResult,
  ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  applyStatusPresentation,
  changeResultPresentation,
} from '../format/applies';
import {
  Presentation,
  resourceStatePresentation,
  Tone,
} from '../format/resources';
import { ToneBadge } from '../../health/shared/HealthBadge';

const ICONS: Record<Tone, ReactNode> = {
  success: <RiCheckboxCircleLine size={14} aria-hidden />,
  info: <RiHourglassLine size={14} aria-hidden />,
  warning: <RiErrorWarningLine size={14} aria-hidden />,
  danger: <RiCloseCircleLine size={14} aria-hidden />,
  neutral: <RiIndeterminateCircleLine size={14} aria-hidden />,
};

/**
 * A state as a coloured chip with an icon and its name, never colour alone;
 * the title says what it means.
 */
function PresentationBadge(props: {
  presentation: Presentation;
  icon?: ReactNode;
}) {
  const { label, tone, description } = props.presentation;
  return (
    <ToneBadge
      tone={tone}
      icon={props.icon ?? ICONS[tone]}
      title={description || undefined}
    >
      {label}
    </ToneBadge>
  );
}

/** In sync, pending, drifted, blocked, failed or unmanaged. */
export function ResourceStateBadge(props: { state: ResourceState }) {
  return (
    <PresentationBadge presentation={resourceStatePresentation(props.state)} />
  );
}

/** Running, applied, partly applied or failed. */
export function ApplyStatusBadge(props: { status: ApplyRecord['status'] }) {
  return (
    <PresentationBadge
      presentation={applyStatusPresentation(props.status)}
      icon={
        props.status === 'running' ? (
          <RiLoader4Line size={14} aria-hidden />
        ) : undefined
      }
    />
  );
}

/** What became of one change: applied, failed or skipped. */
export function ChangeResultBadge(props: { status: ChangeResult['status'] }) {
  return (
    <PresentationBadge
      presentation={changeResultPresentation(props.status)}
      icon={
        props.status === 'skipped' ? (
          <RiSkipForwardLine size={14} aria-hidden />
        ) : undefined
      }
    />
  );
}
