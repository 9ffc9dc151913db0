import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { LineageEdgeSource } from '@dataplatform/backstage-plugin-data-platform-common';
import { EDGE_STYLE, KIND_STYLE, PROBLEM_STYLE } from '../graph/visuals';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.75),
    fontSize: 12,
    color: theme.palette.text.secondary,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: 6 },
  dot: { width: 12, height: 12, borderRadius: 6, display: 'inline-block' },
  unregistered: {
    width: 22,
    height: 12,
    borderRadius: 3,
    border: '1.5px dashed #9e9e9e',
    display: 'inline-block',
  },
  mark: {
    width: 16,
    height: 16,
    borderRadius: 8,
    color: '#fff',
    fontWeight: 700,
    fontSize: 11,
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
  },
  badge: {
    background: '#455a64',
    color: '#fff',
    borderRadius: 8,
    padding: '0 6px',
    fontWeight: 700,
  },
}));

const KINDS = ['EventType', 'Pipeline', 'DataEndpoint', 'Component'] as const;
const SOURCES: LineageEdgeSource[] = ['declared', 'observed', 'both'];

/** A short stretch of line drawn as the canvas draws an edge of this source. */
export function EdgeSample({ source }: { source: LineageEdgeSource }) {
  const style = EDGE_STYLE[source];
  return (
    <svg width={36} height={10} aria-hidden>
      <line
        x1={0}
        y1={5}
        x2={36}
        y2={5}
        stroke={style.colour}
        strokeWidth={style.double ? 4.5 : 1.8}
        strokeDasharray={style.dash}
      />
      {style.double && (
        <line x1={0} y1={5} x2={36} y2={5} stroke="#fff" strokeWidth={1.5} />
      )}
    </svg>
  );
}

/** What the colours, lines and handles of the lineage graph mean. */
export function LineageLegend() {
  const classes = useStyles();
  return (
    <Box className={classes.root} component="section" aria-label="Legend">
      <Typography variant="overline">
        Legend · data flows left → right
      </Typography>
      {KINDS.map(kind => (
        <span key={kind} className={classes.item}>
          <span
            className={classes.dot}
            style={{ background: KIND_STYLE[kind].colour }}
          />
          {KIND_STYLE[kind].label}
        </span>
      ))}
      <span className={classes.item}>
        <span className={classes.unregistered} />
        not in catalog: seen only in OpenLineage events
      </span>
      {SOURCES.map(source => (
        <span
          key={source}
          className={classes.item}
          title={EDGE_STYLE[source].hint}
        >
          <EdgeSample source={source} />
          <span>
            {EDGE_STYLE[source].label}
            <Typography variant="caption" display="block">
              {EDGE_STYLE[source].hint}
            </Typography>
          </span>
        </span>
      ))}
      <span className={classes.item}>
        <span className={classes.badge}>+3</span> neighbours not shown: click to
        expand
      </span>
      {(['failed', 'late', 'bad_data'] as const).map(problem => (
        <span key={problem} className={classes.item}>
          <span
            className={classes.mark}
            style={{ background: PROBLEM_STYLE[problem].colour }}
          >
            !
          </span>
          {PROBLEM_STYLE[problem].label} pipeline, from pipeline health
        </span>
      ))}
    </Box>
  );
}
