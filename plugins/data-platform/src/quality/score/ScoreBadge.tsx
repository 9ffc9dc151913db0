import { makeStyles } from '@material-ui/core/styles';
import { scoreTone, TONE_COLOURS } from '../format/presentation';

const useStyles = makeStyles(
  {
    badge: {
      display: 'inline-flex',
      alignItems: 'baseline',
      gap: 2,
      borderRadius: 6,
      padding: '1px 8px',
      fontWeight: 700,
      fontVariantNumeric: 'tabular-nums',
      whiteSpace: 'nowrap',
      border: '1px solid currentColor',
    },
    small: { fontSize: '0.8125rem' },
    large: { fontSize: '2rem', padding: '2px 12px', lineHeight: 1.2 },
    // Lighter by weight and size only: faded, it falls below 4.5:1 on red.
    outOf: { fontWeight: 400, fontSize: '0.6em' },
  },
  { name: 'DataPlatformQualityScoreBadge' },
);

/** Props of {@link QualityScoreBadge}. */
export interface QualityScoreBadgeProps {
  score: number;
  size?: 'small' | 'large';
  /** Shown on hover, e.g. the day and the weakest component. */
  title?: string;
}

/**
 * An endpoint's score, 0-100, coloured by how good it is (90 and up green,
 * 70 and up amber, red below) and written out, so colour is not the only cue.
 */
export function QualityScoreBadge(props: QualityScoreBadgeProps) {
  const { score, size = 'small', title } = props;
  const classes = useStyles();
  const tone = scoreTone(score);
  return (
    <span
      className={`${classes.badge} ${classes[size]}`}
      style={{
        backgroundColor: TONE_COLOURS[tone].subdued,
        color: TONE_COLOURS[tone].text,
      }}
      data-tone={tone}
      title={title}
    >
      {score}
      {size === 'large' && <span className={classes.outOf}>/100</span>}
    </span>
  );
}
