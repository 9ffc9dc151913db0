import { Fragment } from 'react';
import countBy from 'lodash/countBy';
import { Flex, Focusable, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { PartitionState } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineStatePresentation } from '../format/states';
import {
  durationInWords,
  partitionLabel,
  relativeTime,
  timeOfDayLabel,
  timestampLabel,
} from '../../format/time';
import { stepName } from '../shared/LeftOutNote';
import { GRID_WINDOW, GridGranularity, PartitionSlot } from './partitionSlots';

/** Fill of a cell per state; late and failed also carry a glyph, so colour is not the only cue. */
const CELL_STYLES: Record<
  PartitionState | 'none',
  { background: string; border?: string; glyph?: string }
> = {
  landed_on_time: { background: 'var(--bui-positive-bg)' },
  landed_late: {
    background: 'var(--bui-positive-bg)',
    border: 'var(--bui-warning-bg)',
  },
  backfilled: {
    background: 'var(--bui-positive-bg)',
    border: 'var(--bui-accent-bg)',
  },
  running: { background: 'var(--bui-accent-bg)', glyph: '›' },
  pending: {
    background: 'var(--bui-bg-neutral-2)',
    border: 'var(--bui-fg-secondary)',
  },
  late: { background: 'var(--bui-warning-bg)', glyph: '!' },
  failed: { background: 'var(--bui-negative-bg)', glyph: '✕' },
  none: { background: 'transparent', border: 'var(--bui-border-2)' },
};

const LEGEND_ORDER: (PartitionState | 'none')[] = [
  'landed_on_time',
  'landed_late',
  'backfilled',
  'running',
  'pending',
  'late',
  'failed',
  'none',
];

const CELL = 22;

/**
 * Scrolls a grid wider than its card so that its newest partition shows
 * (on a narrow screen the oldest ones would, and the newest be off-screen).
 * A stable ref callback: it runs when the grid mounts, not on each refresh.
 */
function showNewest(grid: HTMLDivElement | null) {
  if (!grid || grid.scrollWidth <= grid.clientWidth) return;
  const cells = grid.querySelectorAll<HTMLElement>('[data-state]');
  const newest = cells[cells.length - 1];
  if (!newest) return;
  grid.scrollLeft = Math.max(
    0,
    newest.offsetLeft + newest.offsetWidth + CELL - grid.clientWidth,
  );
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: 3,
    alignItems: 'center',
    overflowX: 'auto',
    // Cells' offsetLeft is measured from the grid (see showNewest).
    position: 'relative',
  },
  cell: {
    width: CELL,
    height: CELL,
    borderRadius: 4,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: '#fff',
    fontSize: 12,
    fontWeight: 700,
    lineHeight: 1,
    cursor: 'default',
    boxSizing: 'border-box',
    '&:focus-visible': {
      outline: '2px solid var(--bui-fg-primary)',
      outlineOffset: 1,
    },
  },
  axis: {
    fontSize: 10,
    color: 'var(--bui-fg-secondary)',
    textAlign: 'center',
    whiteSpace: 'nowrap',
  },
  rowLabel: {
    fontSize: 11,
    color: 'var(--bui-fg-secondary)',
    whiteSpace: 'nowrap',
    paddingRight: 6,
  },
  legendSwatch: {
    width: 12,
    height: 12,
    borderRadius: 3,
    display: 'inline-block',
    boxSizing: 'border-box',
  },
  tooltip: { maxWidth: 320 },
});

function stateOf(slot: PartitionSlot): PartitionState | 'none' {
  return slot.partition?.state ?? 'none';
}

/** Pending and unknown periods are outlined (dashed, dotted); landed late and backfilled get an inner ring. */
function cellStyle(state: PartitionState | 'none') {
  const { background, border } = CELL_STYLES[state];
  if (state === 'pending' || state === 'none') {
    return {
      background,
      border: `1px ${state === 'pending' ? 'dashed' : 'dotted'} ${border}`,
    };
  }
  return {
    background,
    boxShadow: border ? `inset 0 0 0 3px ${border}` : undefined,
  };
}

/** What a cell says, for its tooltip and for screen readers. */
function describeSlot(
  slot: PartitionSlot,
  granularity: GridGranularity,
): { title: string; lines: string[] } {
  const title = partitionLabel(
    new Date(slot.start).toISOString(),
    new Date(slot.start + GRID_WINDOW[granularity].step).toISOString(),
  );
  const p = slot.partition;
  if (!p) {
    return {
      title,
      lines: ['No data: the health checks have no record of this period.'],
    };
  }
  const lines = [pipelineStatePresentation(p.state).label];
  lines.push(
    `Deadline ${timestampLabel(p.deadline)} (${relativeTime(p.deadline)})`,
  );
  if (p.landedAt) lines.push(`Landed ${timestampLabel(p.landedAt)}`);
  if (p.lateByMs) {
    lines.push(
      `${p.state === 'landed_late' ? 'Landed' : 'Late by'} ${durationInWords(
        p.lateByMs,
      )}${p.state === 'landed_late' ? ' late' : ''}`,
    );
  }
  if (p.attempts > 1) lines.push(`${p.attempts} attempts`);
  if (p.failureReason) lines.push(`Failure: ${p.failureReason}`);
  const root = p.rootCause?.chain[p.rootCause.chain.length - 1];
  if (root) lines.push(`Caused by ${stepName(root)} upstream`);
  return { title, lines };
}

function Cell(props: { slot: PartitionSlot; granularity: GridGranularity }) {
  const classes = useStyles();
  const state = stateOf(props.slot);
  const { title, lines } = describeSlot(props.slot, props.granularity);
  return (
    <TooltipTrigger delay={150}>
      <Focusable>
        <div
          role="img"
          // focusable, so that keyboard users can open its tooltip
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          aria-label={`${title}: ${lines.join('. ')}`}
          data-state={state}
          className={classes.cell}
          style={cellStyle(state)}
        >
          <span aria-hidden>{CELL_STYLES[state].glyph}</span>
        </div>
      </Focusable>
      <Tooltip className={classes.tooltip}>
        <Flex direction="column" gap="1">
          <Text variant="body-small" weight="bold">
            {title}
          </Text>
          {lines.map(line => (
            <Text key={line} variant="body-x-small">
              {line}
            </Text>
          ))}
        </Flex>
      </Tooltip>
    </TooltipTrigger>
  );
}

const dayLabel = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** Hourly: one row per UTC day, one column per hour. */
function HourGrid(props: { slots: PartitionSlot[] }) {
  const classes = useStyles();
  const rows = new Map<string, (PartitionSlot | undefined)[]>();
  for (const slot of props.slots) {
    const date = new Date(slot.start);
    const day = dayLabel.format(date);
    if (!rows.has(day)) rows.set(day, new Array(24).fill(undefined));
    rows.get(day)![date.getUTCHours()] = slot;
  }
  return (
    <div
      ref={showNewest}
      className={classes.grid}
      style={{ gridTemplateColumns: `max-content repeat(24, ${CELL}px)` }}
      data-testid="partition-grid"
    >
      <span />
      {Array.from({ length: 24 }, (_, hour) => (
        <span key={hour} className={classes.axis}>
          {hour % 3 === 0 ? String(hour).padStart(2, '0') : ''}
        </span>
      ))}
      {[...rows.entries()].map(([day, cells]) => (
        <Fragment key={day}>
          <span className={classes.rowLabel}>{day}</span>
          {cells.map((slot, hour) =>
            slot ? (
              <Cell key={hour} slot={slot} granularity="hour" />
            ) : (
              <span key={hour} />
            ),
          )}
        </Fragment>
      ))}
    </div>
  );
}

/** Daily: one row of 30 days, day of month below, month where it changes. */
function DayGrid(props: { slots: PartitionSlot[] }) {
  const classes = useStyles();
  // A Stockholm day starting 23:00 UTC is named after the next UTC date.
  const dayOf = (slot: PartitionSlot) => new Date(slot.start + 12 * 3_600_000);
  return (
    <div
      ref={showNewest}
      className={classes.grid}
      style={{
        gridTemplateColumns: `repeat(${props.slots.length}, ${CELL}px)`,
      }}
      data-testid="partition-grid"
    >
      {props.slots.map(slot => (
        <Cell key={slot.start} slot={slot} granularity="day" />
      ))}
      {props.slots.map((slot, i) => {
        const date = dayOf(slot);
        const showMonth = i === 0 || date.getUTCDate() === 1;
        return (
          <span key={slot.start} className={classes.axis}>
            {date.getUTCDate()}
            {showMonth && (
              <>
                <br />
                {date.toLocaleString('en-GB', {
                  month: 'short',
                  timeZone: 'UTC',
                })}
              </>
            )}
          </span>
        );
      })}
    </div>
  );
}

/** Props of {@link PartitionGrid}. */
export interface PartitionGridProps {
  slots: PartitionSlot[];
  granularity: GridGranularity;
  /** The SLA in words, e.g. "2 hours after the partition period ends". */
  deadlineInWords?: string;
}

/**
 * The partitions of the last 48 hours (hourly) or 30 days (daily) as a
 * grid of coloured cells; each tells its state, deadline, landing and cause
 * on hover or focus. A legend counts the states in the window, and the
 * caption gives the SLA and when the open partition is due.
 */
export function PartitionGrid(props: PartitionGridProps) {
  const { slots, granularity, deadlineInWords } = props;
  const classes = useStyles();
  const counts = countBy(slots, stateOf);
  const open = [...slots]
    .reverse()
    .find(
      s =>
        s.partition &&
        (s.partition.state === 'pending' || s.partition.state === 'running'),
    );

  return (
    <Flex direction="column" gap="3">
      <Text variant="body-small" color="secondary">
        Partitions of the {GRID_WINDOW[granularity].label} (UTC)
        {deadlineInWords && <>; each is due {deadlineInWords}</>}.
        {open?.partition && (
          <>
            {' '}
            Partition{' '}
            {partitionLabel(
              open.partition.partition,
              open.partition.periodEnd,
            )}{' '}
            is due by <strong>{timeOfDayLabel(open.partition.deadline)}</strong>{' '}
            ({relativeTime(open.partition.deadline)}).
          </>
        )}
      </Text>
      {granularity === 'hour' ? (
        <HourGrid slots={slots} />
      ) : (
        <DayGrid slots={slots} />
      )}
      <Flex
        gap="3"
        style={{ flexWrap: 'wrap' }}
        aria-label="Legend"
        role="list"
      >
        {LEGEND_ORDER.filter(state => counts[state]).map(state => (
          <Flex key={state} gap="1" align="center" role="listitem">
            <span
              className={classes.legendSwatch}
              style={cellStyle(state)}
              aria-hidden
            />
            <Text variant="body-x-small">
              {state === 'none'
                ? 'No data'
                : pipelineStatePresentation(state).label}{' '}
              {counts[state]}
            </Text>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}
