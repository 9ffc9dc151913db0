import { makeStyles } from '@material-ui/core/styles';
import type { QualityResultView } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  CellStatus,
  STATUS_PRESENTATION,
  statusCellStyle,
} from '../format/presentation';
import { partitionInWords } from './partitionWords';

/** Width and height of a cell, px. */
export const GRID_CELL = 26;

const useStyles = makeStyles(
  {
    cell: {
      width: GRID_CELL,
      height: GRID_CELL,
      borderRadius: 4,
      border: 0,
      padding: 0,
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      fontWeight: 700,
      fontSize: 13,
      boxSizing: 'border-box',
      '&:focus-visible': {
        outline: '2px solid var(--bui-fg-primary)',
        outlineOffset: 1,
      },
    },
    button: { cursor: 'pointer' },
    selected: { outline: '2px solid var(--bui-fg-primary)', outlineOffset: 1 },
  },
  { name: 'DataPlatformQualityCheckGridCell' },
);

/** The same check, partition and source, across refreshes of the tab. */
export function sameResult(
  a?: QualityResultView,
  b?: QualityResultView,
): boolean {
  return (
    !!a &&
    !!b &&
    a.name === b.name &&
    a.source === b.source &&
    a.partition === b.partition
  );
}

/**
 * One check on one partition: its status as a colour and a glyph, named
 * in words (`users are known, Thu 26 Nov 09:00 UTC: Fail (null rate ...)`)
 * for hover and screen readers. A failed or unmeasured result is a button
 * that shows its details.
 */
export function CheckGridCell(props: {
  /** The check and partition in words. */
  label: string;
  result?: QualityResultView;
  /** The partition is still filling, and judged from then on (ISO 8601). */
  fillingUntil?: string;
  selected?: QualityResultView;
  onSelect(result: QualityResultView): void;
}) {
  const classes = useStyles();
  const { result, selected } = props;
  const status: CellStatus = props.fillingUntil
    ? 'filling'
    : result?.status ?? 'none';
  const look = STATUS_PRESENTATION[status];
  let why = result ? ` (${result.message})` : '';
  if (props.fillingUntil) {
    why = ` (judged from ${partitionInWords(props.fillingUntil, 'HOUR')})`;
  }
  const title = `${props.label}: ${look.label}${why}`;
  if (result && (result.status === 'fail' || result.status === 'error')) {
    const isSelected = sameResult(selected, result);
    return (
      <button
        type="button"
        className={`${classes.cell} ${classes.button} ${
          isSelected ? classes.selected : ''
        }`}
        style={statusCellStyle(status)}
        title={title}
        aria-label={`${title}. Show details`}
        aria-pressed={isSelected}
        onClick={() => props.onSelect(result)}
      >
        <span aria-hidden>{look.glyph}</span>
      </button>
    );
  }
  return (
    <span
      role="img"
      className={classes.cell}
      style={statusCellStyle(status)}
      title={title}
      aria-label={title}
    >
      {look.glyph}
    </span>
  );
}
