import { RefObject } from 'react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import type {
  LineageNode,
  OnCallRow,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { LineageCanvas, LineageCanvasHandle } from '../graph/LineageCanvas';
import type { LayoutResult } from '../layout/types';
import type { ShownLineage } from '../state/mergeGraph';
import type { PathState } from '../state/useLineagePath';
import type { Impact } from './DownstreamImpact';
import type { NodeActions } from './NodeDetails';
import { SelectedNodePanel } from './SelectedNodePanel';
import { ZoomControls } from './ZoomControls';

const useStyles = makeStyles(
  theme => ({
    body: {
      display: 'flex',
      flex: 1,
      minHeight: 420,
      gap: theme.spacing(1),
      // On a narrow screen the panel goes below the graph: beside it, it
      // left the graph a sliver (~40 px at 390 px wide).
      [theme.breakpoints.down('sm')]: { flexDirection: 'column' },
    },
    graph: {
      position: 'relative',
      flex: 1,
      minWidth: 0,
      overflow: 'hidden',
      [theme.breakpoints.down('sm')]: { flex: 'none', height: 420 },
    },
    side: {
      width: 320,
      flexShrink: 0,
      overflowY: 'auto',
      [theme.breakpoints.down('sm')]: { width: 'auto' },
    },
  }),
  { name: 'DataPlatformLineageGraphPanel' },
);

/**
 * The laid-out graph with its zoom controls, a bar while it updates, and
 * the selected node's details beside it (below it on a narrow screen).
 */
export function LineageGraphPanel(props: {
  canvas: RefObject<LineageCanvasHandle>;
  drawn: ShownLineage;
  layout: LayoutResult;
  /** A layout or an expansion is under way. */
  updating: boolean;
  selected?: string;
  path: PathState;
  hidden: Map<string, { upstream: number; downstream: number }>;
  problems: Map<string, ProblemState>;
  /** Keep this node where it was on screen when the layout changes. */
  anchor?: string;
  onSelect(id: string): void;
  onExpand(id: string, direction: 'upstream' | 'downstream'): void;
  /** Of the selected node, for its details. */
  nodesById: Map<string, LineageNode>;
  health?: OnCallRow;
  impact?: Impact;
  actions: NodeActions;
}) {
  const classes = useStyles();
  const { drawn, path, selected } = props;
  return (
    <Box className={classes.body}>
      <Paper variant="outlined" className={classes.graph}>
        {props.updating && (
          <LinearProgress
            style={{ position: 'absolute', left: 0, right: 0, top: 0 }}
            aria-label="Updating lineage"
          />
        )}
        <LineageCanvas
          ref={props.canvas}
          nodes={drawn.nodes}
          edges={drawn.edges}
          layout={props.layout}
          root={drawn.root}
          selected={selected}
          highlight={
            path.nodes && path.edges
              ? { nodes: path.nodes, edges: path.edges }
              : undefined
          }
          hidden={props.hidden}
          frontier={drawn.frontier}
          problems={props.problems}
          anchor={props.anchor}
          onSelect={props.onSelect}
          onExpand={props.onExpand}
        />
        <ZoomControls canvas={props.canvas} root={drawn.root} />
      </Paper>
      <Paper variant="outlined" className={classes.side}>
        <SelectedNodePanel
          node={selected ? props.nodesById.get(selected) : undefined}
          drawn={drawn}
          hidden={props.hidden}
          nodesById={props.nodesById}
          health={props.health}
          impact={props.impact}
          actions={props.actions}
        />
      </Paper>
    </Box>
  );
}
