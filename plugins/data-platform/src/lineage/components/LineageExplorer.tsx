import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import ZoomOutMapIcon from '@material-ui/icons/ZoomOutMap';
import CenterFocusStrongIcon from '@material-ui/icons/CenterFocusStrong';
import CloseIcon from '@material-ui/icons/Close';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';
import { LineageCanvas, LineageCanvasHandle } from '../graph/LineageCanvas';
import { LINEAGE_HOPS } from '../hops';
import { hiddenNeighbourCounts } from '../state/hiddenCounts';
import { ExplorerView, useExplorerStart } from '../state/useExplorerStart';
import { useLayout } from '../state/useLayout';
import { useLineageGraph } from '../state/useLineageGraph';
import { useLineagePath } from '../state/useLineagePath';
import { useLinkedPath } from '../state/useLinkedPath';
import { usePendingViewMoves } from '../state/usePendingViewMoves';
import { usePipelineStates } from '../state/usePipelineStates';
import { useStartSelection } from '../state/useStartSelection';
import { CatalogGaps } from './CatalogGaps';
import { ColumnLineageView } from './ColumnLineageView';
import type { Impact } from './DownstreamImpact';
import { LineageLegend } from './LineageLegend';
import { LineageToolbar } from './LineageToolbar';
import { NodeDetails } from './NodeDetails';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    height: '100%',
    minHeight: 0,
  },
  body: { display: 'flex', flex: 1, minHeight: 420, gap: theme.spacing(1) },
  graph: { position: 'relative', flex: 1, minWidth: 0, overflow: 'hidden' },
  controls: {
    position: 'absolute',
    right: 8,
    top: 8,
    display: 'flex',
    flexDirection: 'column',
    background: theme.palette.background.paper,
    borderRadius: 4,
    boxShadow: theme.shadows[2],
  },
  side: { width: 320, flexShrink: 0, overflowY: 'auto' },
}));

const NO_LINEAGE =
  'This entity has no lineage yet: declare inputs/outputs in catalog YAML or send OpenLineage events.';

export type { ExplorerView } from '../state/useExplorerStart';

/**
 * Lineage around a node: a left-to-right graph collapsed to one hop, "+N"
 * handles to expand, search, a path between two nodes, and column lineage.
 */
export function LineageExplorer(props: {
  /** The node to start from; without it, the user searches for one. */
  initialNode?: string;
  /** A node upstream of the start: the path from it is found and shown. */
  initialPathFrom?: string;
  /** Hops and direction to open with (default 1, both ways). */
  initialDepth?: number;
  initialWalk?: LineageDirection;
  /** The user changed the hops or the direction. */
  onViewChange?(view: ExplorerView): void;
  /** Column names of the root endpoint, for the column view. */
  rootColumns?: string[];
  /**
   * Root changes (search, "explore from here") stay inside, or are reported,
   * with the hops and direction when they change too.
   */
  onRootChange?(id: string, view?: ExplorerView): void;
}) {
  const classes = useStyles();
  const canvas = useRef<LineageCanvasHandle>(null);
  const { root, depth, walk, changeRoot, changeView } = useExplorerStart(props);
  const { selected, select, selectOnNextStart, columnsOf, showColumnsOf } =
    useStartSelection(root);
  // What each node's downstream impact found, for as long as the explorer
  // is open: the details remount whenever the graph reloads.
  const [impacts, setImpacts] = useState<ReadonlyMap<string, Impact>>(
    () => new Map(),
  );
  const lineage = useLineageGraph(root, depth, walk);
  const health = usePipelineStates(lineage.shown?.nodes);
  const { layout, pending } = useLayout(lineage.shown);
  const view = usePendingViewMoves(canvas, layout);
  const { path, findPathFrom, chooseEnd, clear } = useLineagePath(
    lineage,
    view.frameWhenLaidOut,
  );
  useLinkedPath({
    pathFrom: props.initialPathFrom,
    start: props.initialNode,
    lineage,
    findPathFrom,
  });
  // A new start: the path, and a path waiting to be framed, go.
  const { forgetFrame } = view;
  useEffect(() => {
    clear();
    forgetFrame();
  }, [root, clear, forgetFrame]);

  const drawn = layout?.of;
  const hidden = useMemo(
    () => (drawn ? hiddenNeighbourCounts(drawn.nodes, drawn.edges) : new Map()),
    [drawn],
  );
  const byId = useMemo(
    () => new Map((lineage.shown?.nodes ?? []).map(n => [n.id, n])),
    [lineage.shown],
  );
  const focus = (id: string) => {
    select(id);
    canvas.current?.focusNode(id);
  };

  const toolbar = (
    <LineageToolbar
      hasRoot={!!root}
      shownNodes={lineage.shown?.nodes ?? []}
      onPick={(node, onScreen) => {
        if (onScreen) focus(node.id);
        else {
          view.focusWhenLaidOut(node.id);
          changeRoot(node.id);
        }
      }}
      depth={depth}
      onDepth={next => changeView({ depth: next, walk })}
      walk={walk}
      onWalk={next => changeView({ depth, walk: next })}
      path={path}
      onClearPath={clear}
    />
  );

  if (!root) {
    return (
      <Box className={classes.root}>
        {toolbar}
        <Typography variant="body1">
          Search for an event type, pipeline, data endpoint, or a dataset seen
          in OpenLineage events, to see what feeds it and what it feeds.
        </Typography>
        <CatalogGaps onExplore={changeRoot} />
      </Box>
    );
  }

  let content;
  if (lineage.error) {
    content =
      (lineage.error as { statusCode?: number }).statusCode === 404 ? (
        <EmptyState
          missing="data"
          title="No lineage yet"
          description={NO_LINEAGE}
        />
      ) : (
        <ResponseErrorPanel error={lineage.error} />
      );
  } else if (!drawn || !layout || lineage.loading) {
    content = <Progress />;
  } else if (drawn.nodes.length <= 1 && drawn.edges.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No lineage yet"
        description={NO_LINEAGE}
      />
    );
  } else {
    const selectedNode = selected ? byId.get(selected) : undefined;
    content = (
      <Box className={classes.body}>
        <Paper variant="outlined" className={classes.graph}>
          {(pending || lineage.expanding.size > 0) && (
            <LinearProgress
              style={{ position: 'absolute', left: 0, right: 0, top: 0 }}
              aria-label="Updating lineage"
            />
          )}
          <LineageCanvas
            ref={canvas}
            nodes={drawn.nodes}
            edges={drawn.edges}
            layout={layout.result}
            root={drawn.root}
            selected={selected}
            highlight={
              path.nodes && path.edges
                ? { nodes: path.nodes, edges: path.edges }
                : undefined
            }
            hidden={hidden}
            frontier={drawn.frontier}
            problems={health.problems}
            anchor={lineage.lastExpanded ?? selected}
            onSelect={select}
            onExpand={(id, direction) => lineage.expand(id, direction)}
          />
          <Box className={classes.controls}>
            <Tooltip title="Zoom in">
              <IconButton
                size="small"
                aria-label="Zoom in"
                onClick={() => canvas.current?.zoomBy(1.4)}
              >
                <ZoomInIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title="Zoom out">
              <IconButton
                size="small"
                aria-label="Zoom out"
                onClick={() => canvas.current?.zoomBy(1 / 1.4)}
              >
                <ZoomOutIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title="Show everything">
              <IconButton
                size="small"
                aria-label="Fit to screen"
                onClick={() => canvas.current?.fitAll()}
              >
                <ZoomOutMapIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title="Back to the root">
              <IconButton
                size="small"
                aria-label="Centre on root"
                onClick={() => canvas.current?.focusNode(drawn.root)}
              >
                <CenterFocusStrongIcon />
              </IconButton>
            </Tooltip>
          </Box>
        </Paper>
        <Paper variant="outlined" className={classes.side}>
          {selectedNode ? (
            <NodeDetails
              node={selectedNode}
              isRoot={selectedNode.id === drawn.root}
              hiddenUpstream={hidden.get(selectedNode.id)?.upstream ?? 0}
              hiddenDownstream={hidden.get(selectedNode.id)?.downstream ?? 0}
              edges={drawn.edges}
              nodesById={byId}
              health={health.states.get(selectedNode.id)}
              impact={impacts.get(selectedNode.id)}
              actions={{
                onExplore: node => changeRoot(node.id),
                onShowDownstream: (node, hops) => {
                  const downstream: ExplorerView = {
                    depth:
                      LINEAGE_HOPS.find(h => h >= hops) ?? LINEAGE_HOPS.at(-1)!,
                    walk: 'downstream',
                  };
                  view.overviewWhenLaidOut(node.id);
                  if (node.id === root) changeView(downstream);
                  else {
                    selectOnNextStart(node.id);
                    changeRoot(node.id, downstream);
                  }
                },
                onPathFrom: node => chooseEnd('from', node),
                onPathTo: node => chooseEnd('to', node),
                onColumns: showColumnsOf,
                onSelect: focus,
                onExpand: (node, direction) =>
                  lineage.expand(node.id, direction),
                onPathFromRootCause: (node, ref) => findPathFrom(ref, node),
                onImpactFound: (node, impact) =>
                  setImpacts(known => new Map(known).set(node.id, impact)),
              }}
            />
          ) : (
            <Box p={2}>
              <Typography variant="body2" color="textSecondary">
                Click a node to see its details, open its page, or find a path.
                Click a <strong>+N</strong> handle to show the neighbours that
                are collapsed. Drag to pan, scroll to zoom.
              </Typography>
            </Box>
          )}
          <Box p={2} pt={0}>
            <LineageLegend />
          </Box>
        </Paper>
      </Box>
    );
  }

  return (
    <Box className={classes.root}>
      {toolbar}
      {drawn?.cutoffMaxNodes !== undefined && drawn.frontier.size > 0 && (
        <Alert severity="info">
          Showing the first {drawn.cutoffMaxNodes} nodes: the lineage goes on
          beyond the {drawn.frontier.size} nodes marked “cut off”. Expand them
          with their +N handles, or show fewer hops.
        </Alert>
      )}
      {drawn?.restricted && (
        <Alert severity="info">
          Some lineage is not shown: it runs through catalog entities you do not
          have access to.
        </Alert>
      )}
      {lineage.expansionError && (
        <Alert severity="error">
          Could not expand: {lineage.expansionError.message}
        </Alert>
      )}
      {path.error && <Alert severity="warning">{path.error}</Alert>}
      {health.error && (
        <Alert severity="warning">
          Pipeline health is not shown: {health.error.message}
        </Alert>
      )}
      {content}
      {columnsOf && (
        <Paper
          variant="outlined"
          style={{ padding: 16 }}
          aria-label="Column lineage"
        >
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
          >
            <Typography variant="h6">
              Column lineage of {columnsOf.title}
            </Typography>
            <IconButton
              size="small"
              aria-label="Close column lineage"
              onClick={() => showColumnsOf(undefined)}
            >
              <CloseIcon />
            </IconButton>
          </Box>
          <ColumnLineageView
            node={columnsOf.id}
            columns={columnsOf.id === root ? props.rootColumns : undefined}
          />
        </Paper>
      )}
    </Box>
  );
}
