import { makeStyles } from '@material-ui/core/styles';
import type { QualityResultView } from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityCheckLabel } from '../../format/qualityCheck';
import { sourceLabel } from '../format/presentation';
import type { CheckGridModel, GridRow } from './checkGrid';
import { CheckGridCell, GRID_CELL } from './CheckGridCell';
import { gridHeader } from './gridHeader';
import { partitionInWords } from './partitionWords';
import { StatusLegend } from './StatusLegend';

const useStyles = makeStyles(
  {
    scroll: { overflowX: 'auto', maxWidth: '100%' },
    table: { borderCollapse: 'separate', borderSpacing: 3, fontSize: 12 },
    rowHeader: {
      position: 'sticky',
      left: 0,
      zIndex: 1,
      background: 'var(--bui-bg-surface-1, var(--bui-bg))',
      textAlign: 'left',
      fontWeight: 400,
      paddingRight: 8,
      whiteSpace: 'nowrap',
      maxWidth: 260,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    detail: {
      display: 'block',
      color: 'var(--bui-fg-secondary)',
      fontSize: 11,
    },
    source: {
      marginLeft: 6,
      padding: '0 4px',
      borderRadius: 3,
      border: '1px solid var(--bui-border-2)',
      fontSize: 10,
    },
    columnHeader: {
      fontWeight: 400,
      fontSize: 10,
      color: 'var(--bui-fg-secondary)',
      whiteSpace: 'pre',
      lineHeight: 1.2,
      minWidth: GRID_CELL,
      verticalAlign: 'bottom',
    },
    dayHeader: {
      fontWeight: 500,
      fontSize: 10,
      textAlign: 'left',
      whiteSpace: 'nowrap',
      borderBottom: '1px solid var(--bui-border-2)',
    },
  },
  { name: 'DataPlatformQualityCheckGrid' },
);

/** "Null rate · critical", or "Assertion · warning" for an emitter's test. */
function rowDetail(row: GridRow): string {
  const type =
    row.type === 'assertion' ? 'Assertion' : qualityCheckLabel(row.type ?? '');
  return [type, row.severity].filter(Boolean).join(' · ');
}

/**
 * A grid of checks (rows) by partition (columns, newest first): each cell
 * the check's latest result there. Checks reported by dbt, Great
 * Expectations or Soda name their source. Scrolls sideways on narrow
 * screens, the check names staying in view.
 */
export function CheckGrid(props: {
  model: CheckGridModel;
  granularity?: string;
  selected?: QualityResultView;
  onSelect(result: QualityResultView): void;
}) {
  const classes = useStyles();
  const { model, granularity } = props;
  const header = gridHeader(model.columns, granularity);
  return (
    <div>
      <div className={classes.scroll}>
        <table className={classes.table} aria-label="Checks by partition">
          <thead>
            {header.days && (
              <tr>
                <th scope="col" rowSpan={2} className={classes.rowHeader}>
                  Check
                </th>
                {header.days.map((day, i) => (
                  <th
                    key={i}
                    scope="colgroup"
                    colSpan={day.span}
                    className={classes.dayHeader}
                  >
                    {day.label}
                  </th>
                ))}
              </tr>
            )}
            <tr>
              {!header.days && (
                <th scope="col" className={classes.rowHeader}>
                  Check
                </th>
              )}
              {header.columns.map(c => (
                <th
                  key={c.key}
                  scope="col"
                  className={classes.columnHeader}
                  title={c.full}
                  aria-label={c.full}
                >
                  {c.short}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map(row => (
              <tr key={row.key}>
                <th scope="row" className={classes.rowHeader} title={row.name}>
                  {row.name}
                  {row.emitter && (
                    <span className={classes.source}>
                      {sourceLabel(row.emitter)}
                    </span>
                  )}
                  <span className={classes.detail}>{rowDetail(row)}</span>
                </th>
                {model.columns.map(c => (
                  <td key={c.key}>
                    <CheckGridCell
                      label={`${row.name}, ${partitionInWords(
                        c.partition,
                        granularity,
                      )}`}
                      result={c.fillingUntil ? undefined : row.cells[c.key]}
                      fillingUntil={c.fillingUntil}
                      selected={props.selected}
                      onSelect={props.onSelect}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StatusLegend />
    </div>
  );
}
