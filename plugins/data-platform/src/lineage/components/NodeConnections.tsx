import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  LineageEdge,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { relativeTime, timestampLabel } from '../../format/time';
import { nodeColour } from '../graph/visuals';
import { EdgeSample } from './LineageLegend';

/** Rows listed per direction before "Show all"; never hides only one or two. */
const FIRST_ROWS = 5;
const ALL_UP_TO = FIRST_ROWS + 2;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    width: '100%',
    justifyContent: 'flex-start',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0.5),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'left',
    '&:hover, &:focus-visible': { background: theme.palette.action.hover },
  },
  dot: {
    width: 10,
    height: 10,
    borderRadius: 5,
    marginTop: 4,
    flexShrink: 0,
  },
  how: { display: 'flex', alignItems: 'center', gap: 6 },
}));

/**
 * How an edge is known, in words: declared in the catalog, observed in
 * OpenLineage events (and when last), or both.
 */
export function edgeProvenance(
  edge: Pick<LineageEdge, 'source' | 'lastSeenAt'>,
  now: number = Date.now(),
): string {
  const seen = edge.lastSeenAt
    ? `observed ${relativeTime(edge.lastSeenAt, now)}`
    : 'observed';
  switch (edge.source) {
    case 'declared':
      return 'declared · not seen in OpenLineage';
    case 'observed':
      return `${seen} · not declared`;
    default:
      return `declared · ${seen}`;
  }
}

function Direction(props: {
  label: 'Upstream' | 'Downstream';
  of: LineageNode;
  connections: { edge: LineageEdge; node: LineageNode }[];
  collapsed: number;
  onSelect(id: string): void;
  onExpand(): void;
}) {
  const classes = useStyles();
  const [all, setAll] = useState(false);
  const { connections, collapsed } = props;
  if (connections.length === 0 && collapsed === 0) return null;
  const rows =
    all || connections.length <= ALL_UP_TO
      ? connections
      : connections.slice(0, FIRST_ROWS);
  const direction = props.label.toLocaleLowerCase('en-US');
  const total = connections.length + collapsed;
  let count = `${total}`;
  if (connections.length === 0) count = `${total}, collapsed`;
  else if (collapsed > 0) count = `${connections.length} of ${total} shown`;
  return (
    <Box component="section" aria-label={`${props.label} of ${props.of.title}`}>
      <Typography variant="overline" display="block">
        {props.label} · {count}
      </Typography>
      {rows.map(({ edge, node }) => (
        <ButtonBase
          key={node.id}
          className={classes.row}
          onClick={() => props.onSelect(node.id)}
        >
          <span
            className={classes.dot}
            style={{ background: nodeColour(node) }}
          />
          <span>
            <Typography variant="body2" component="span" display="block">
              {node.title}
              {!node.registered && (
                <Typography variant="caption" color="error" component="span">
                  {' '}
                  (not in catalog)
                </Typography>
              )}
            </Typography>
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
              className={classes.how}
              title={
                edge.lastSeenAt
                  ? `Last seen in an OpenLineage event ${timestampLabel(
                      edge.lastSeenAt,
                    )}`
                  : undefined
              }
            >
              <EdgeSample source={edge.source} />
              {edgeProvenance(edge)}
            </Typography>
          </span>
        </ButtonBase>
      ))}
      {connections.length > ALL_UP_TO && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${connections.length}`}
        </Button>
      )}
      {collapsed > 0 && (
        <Button size="small" color="primary" onClick={props.onExpand}>
          Expand +{collapsed} {direction}
        </Button>
      )}
    </Box>
  );
}

/**
 * The selected node's neighbours on screen, upstream and downstream, each
 * with how its edge is known (declared, observed and when last, or both);
 * a click selects the neighbour. Neighbours still collapsed are counted, with
 * a button to show them.
 */
export function NodeConnections(props: {
  node: LineageNode;
  edges: LineageEdge[];
  nodesById: Map<string, LineageNode>;
  hiddenUpstream: number;
  hiddenDownstream: number;
  onSelect(id: string): void;
  onExpand(direction: 'upstream' | 'downstream'): void;
}) {
  const { node, nodesById } = props;
  const upstream: { edge: LineageEdge; node: LineageNode }[] = [];
  const downstream: { edge: LineageEdge; node: LineageNode }[] = [];
  for (const edge of props.edges) {
    const other =
      edge.to === node.id
        ? nodesById.get(edge.from)
        : edge.from === node.id && nodesById.get(edge.to);
    if (!other) continue;
    (edge.to === node.id ? upstream : downstream).push({ edge, node: other });
  }
  const byTitle = (
    a: { node: LineageNode },
    b: { node: LineageNode },
  ): number => a.node.title.localeCompare(b.node.title, 'en');
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <Direction
        // Reset "Show all" when another node is selected.
        key={`up:${node.id}`}
        label="Upstream"
        of={node}
        connections={upstream.sort(byTitle)}
        collapsed={props.hiddenUpstream}
        onSelect={props.onSelect}
        onExpand={() => props.onExpand('upstream')}
      />
      <Direction
        key={`down:${node.id}`}
        label="Downstream"
        of={node}
        connections={downstream.sort(byTitle)}
        collapsed={props.hiddenDownstream}
        onSelect={props.onSelect}
        onExpand={() => props.onExpand('downstream')}
      />
    </Box>
  );
}
