import { Fragment } from 'react';
import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EndpointScore,
  QualityResultView,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { componentLabel } from '../format/presentation';
import { scoreBreakdown, weightInWords } from './scoreBreakdown';

const useStyles = makeStyles(
  {
    table: {
      width: '100%',
      borderCollapse: 'collapse',
      fontSize: '0.875rem',
      '& th, & td': {
        textAlign: 'left',
        verticalAlign: 'top',
        padding: '6px 8px',
        borderBottom: '1px solid var(--bui-border-1)',
      },
      '& thead th': { color: 'var(--bui-fg-secondary)', fontWeight: 500 },
    },
    number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
    deductions: { margin: 0, paddingLeft: 0, listStyle: 'none' },
    excluded: { color: 'var(--bui-fg-secondary)', fontStyle: 'italic' },
    scroll: { overflowX: 'auto' },
  },
  { name: 'DataPlatformQualityScoreComponents' },
);

/**
 * How the score is made: each component with its weight, its own score and
 * the points it takes off, every deduction in words ("−12 checks: null rate
 * of country 3.2% > 1% (critical, 2 h ago)"), components left out with why,
 * and the sum: 100 minus the deductions is the score.
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
      <div className={classes.scroll}>
        <table className={classes.table} aria-label="Score components">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Weight</th>
              <th scope="col">Score</th>
              <th scope="col">Points off</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(row => (
              <tr key={row.name}>
                <th scope="row">{componentLabel(row.name)}</th>
                {row.excluded !== undefined ? (
                  <Fragment>
                    <td className={classes.number}>–</td>
                    <td className={classes.number}>–</td>
                    <td className={classes.number}>0</td>
                    <td className={classes.excluded}>
                      Left out: {row.excluded}
                    </td>
                  </Fragment>
                ) : (
                  <Fragment>
                    <td className={classes.number}>
                      {weightInWords(row.weight)}
                    </td>
                    <td className={classes.number}>{row.score}/100</td>
                    <td className={classes.number}>
                      {row.points ? `−${row.points}` : '0'}
                    </td>
                    <td>
                      {row.deductions.length ? (
                        <ul className={classes.deductions}>
                          {row.deductions.map((d, i) => (
                            <li key={i}>
                              −{d.points} {row.name}: {d.text}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        'Nothing deducted'
                      )}
                    </td>
                  </Fragment>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
