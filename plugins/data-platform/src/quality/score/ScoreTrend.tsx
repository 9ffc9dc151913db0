import useMeasure from 'react-use/esm/useMeasure';
import { Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { scoreTone, TONE_COLOURS } from '../format/presentation';

const HEIGHT = 64;
const PAD = { top: 6, right: 28, bottom: 6, left: 4 };

const useStyles = makeStyles(
  {
    svg: { display: 'block', overflow: 'visible' },
    line: { fill: 'none', stroke: 'var(--bui-fg-secondary)', strokeWidth: 1.5 },
    guide: { stroke: 'var(--bui-border-1)', strokeDasharray: '2 3' },
    label: { fontSize: 10, fill: 'var(--bui-fg-secondary)' },
    last: { fontSize: 11, fontWeight: 700 },
  },
  { name: 'DataPlatformQualityScoreTrend' },
);

/** In words, for screen readers and the chart's label. */
export function trendInWords(trend: { day: string; score: number }[]): string {
  if (trend.length === 0) return 'No daily scores yet.';
  const first = trend[0];
  const last = trend[trend.length - 1];
  const lowest = trend.reduce((a, b) => (b.score < a.score ? b : a));
  return `Daily score over ${trend.length} day${
    trend.length === 1 ? '' : 's'
  }: ${first.score} on ${first.day}, ${last.score} on ${last.day}; lowest ${
    lowest.score
  } on ${lowest.day}.`;
}

/**
 * The daily score of the last 30 days as a line on a 0-100 scale, each day
 * a dot coloured by its score (hover for the day), the latest labelled.
 * Plain SVG sized to its container.
 */
export function ScoreTrend(props: { trend: { day: string; score: number }[] }) {
  const classes = useStyles();
  const [ref, { width: measured }] = useMeasure<HTMLDivElement>();
  const width = measured > 0 ? measured : 320;
  const { trend } = props;
  if (trend.length === 0) {
    return (
      <Text variant="body-small" color="secondary">
        {trendInWords(trend)}
      </Text>
    );
  }
  const span = Math.max(1, trend.length - 1);
  const x = (i: number) =>
    PAD.left + ((width - PAD.left - PAD.right) * i) / span;
  const y = (score: number) =>
    PAD.top + ((HEIGHT - PAD.top - PAD.bottom) * (100 - score)) / 100;
  const points = trend.map((t, i) => `${x(i)},${y(t.score)}`).join(' ');
  const last = trend[trend.length - 1];
  return (
    <div ref={ref}>
      <svg
        className={classes.svg}
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={trendInWords(trend)}
      >
        {[100, 50, 0].map(level => (
          <line
            key={level}
            className={classes.guide}
            x1={PAD.left}
            x2={width - PAD.right}
            y1={y(level)}
            y2={y(level)}
          />
        ))}
        <polyline className={classes.line} points={points} />
        {trend.map((t, i) => (
          <circle
            key={t.day}
            cx={x(i)}
            cy={y(t.score)}
            r={i === trend.length - 1 ? 3.5 : 2.5}
            fill={TONE_COLOURS[scoreTone(t.score)].solid}
          >
            <title>{`${t.day}: ${t.score}`}</title>
          </circle>
        ))}
        <text
          className={`${classes.label} ${classes.last}`}
          x={x(trend.length - 1) + 6}
          y={y(last.score) + 4}
        >
          {last.score}
        </text>
      </svg>
    </div>
  );
}
