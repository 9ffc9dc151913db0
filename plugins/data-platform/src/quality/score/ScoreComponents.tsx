import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EndpointScore,
  QualityResultView,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { componentLabel } from '../format/presentation';
import { ComponentRow, scoreBreakdown, weightInWords } from './scoreBreakdown';

const useStyles = makeStyles(
  {
    table: {
      width: '100%',
      borderCollapse: 'collapse',
      fontSize: '0.875rem',
      '& th, & td': { textAlign: 'left', verticalAlign: 'top' },
      '& thead th': {
        color: 'var(--bui-fg-secondary)',
        fontWeight: 500,
        padding: '4px 8px',
        borderBottom: '1px solid var(--bui-border-1)',
      },
      '& tbody': { borderBottom: '1px solid var(--bui-border-1)' },
    },
    figures: { '& th, & td': { padding: '6px 8px 2px' } },
    number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
    why: { padding: '0 8px 6px 24px', color: 'var(--bui-fg-secondary)' },
    deductions: { margin: 0, paddingLeft: 0, listStyle: 'none' },
    excluded: { fontStyle: 'italic' },
  },
  { name: 'DataPlatformQualityScoreComponents' },
);

function ComponentRows(props: { row: ComponentRow }) {
  const classes = useStyles();
  const { row } = props;
  const left = row.excluded !== undefined;
  return (
    <tbody aria-label={componentLabel(row.name)}>
      <tr className={classes.figures}>
        <th scope="row">{componentLabel(row.name)}</th>
        <td className={classes.number}>
          {left ? '–' : weightInWords(row.weight)}
        </td>
        <td className={classes.number}>{left ? '–' : `${row.score}/100`}</td>
        <td className={classes.number}>
          {row.points ? `−${row.points}` : '0'}
        </td>
      </tr>
      <tr>
        <td colSpan={4} className={classes.why}>
          {left && (
            <span className={classes.excluded}>Left out: {row.excluded}</span>
          )}
          {!left && row.deductions.length === 0 && 'Nothing deducted'}
          {row.deductions.length > 0 && (
            <ul className={classes.deductions}>
              {row.deductions.map((d, i) => (
                <li key={i}>
                  −{d.points} {row.name}: {d.text}
                </li>
              ))}
            </ul>
          )}
        </td>
      </tr>
    </tbody>
  );
}

/**
 * How the score is made: each component with its weight, its own score
 * and the points it takes off, under it every deduction in words ("−12
 * checks: null rate of country 3.2% > 1% (critical, 2 h ago)") or why it
 * is left out, and the sum: 100 minus the deductions is the score.
 */
export function ScoreComponents(props: {
  score: EndpointScore;
  results: QualityResultView[];
}) {
  const classes = useStyles();
  const rows = scoreBreakdown(props.score, props.results);
  const deducted = rows.reduce((sum, r) => sum + r.points, 0);
  return (
    <Flex direction="column" gap="2">
      <table className={classes.table} aria-label="Score components">
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Weight</th>
            <th scope="col">Score</th>
            <th scope="col">Points off</th>
          </tr>
        </thead>
        {rows.map(row => (
          <ComponentRows key={row.name} row={row} />
        ))}
      </table>
      <Text variant="body-small">
        100 − {deducted} points deducted = <strong>{props.score.score}</strong>
      </Text>
      {props.score.note && (
        <Text variant="body-small" color="secondary">
          {props.score.note}.
        </Text>
      )}
    </Flex>
  );
}
