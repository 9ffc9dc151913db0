import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
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
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  LineageDirection,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { LineageCanvas, LineageCanvasHandle } from '../graph/LineageCanvas';
import { hiddenNeighbourCounts } from '../state/hiddenCounts';
import { edgeKey, pathToMerge } from '../state/mergeGraph';
import { useLayout } from '../state/useLayout';
import { useLineageGraph } from '../state/useLineageGraph';
import { usePipelineStates } from '../state/usePipelineStates';
import type { PipelineProblem } from '../graph/scene';
import { pipelineName } from '../../health/shared/pipelineLinks';
import { CatalogGaps } from './CatalogGaps';
import { ColumnLineageView } from './ColumnLineageView';
import { LineageLegend } from './LineageLegend';
import { NodeDetails } from './NodeDetails';
import { NodeSearch } from './NodeSearch';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    height: '100%',
    minHeight: 0,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
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

/** An end of a path: a node on screen, or one known only by ref and name. */
type PathEnd = Pick<LineageNode, 'id' | 'title'>;

type PathState = {
  from?: PathEnd;
  to?: PathEnd;
  loading?: boolean;
  nodes?: Set<string>;
  edges?: Set<string>;
  hops?: number;
  error?: string;
};

/**
 * Lineage around a node: a left-to-right graph collapsed to one hop, "+N"
 * handles to expand, search, a path between two nodes, and column lineage.
 */
export function LineageExplorer(props: {
  /** The node to start from; without it, the user searches for one. */
  initialNode?: string;
  /** A node upstream of the start: the path from it is found and shown. */
  initialPathFrom?: string;
  /** Column names of the root endpoint, for the column view. */
  rootColumns?: string[];
  /** Root changes (search, "explore from here") stay inside, or are reported. */
  onRootChange?(id: string): void;
}) {
  const classes = useStyles();
  const api = useApi(dataPlatformApiRef);
  const [root, setRoot] = useState(props.initialNode);
  const [depth, setDepth] = useState(1);
  const [walk, setWalk] = useState<LineageDirection>('both');
  const [selected, setSelected] = useState<string>();
  const [path, setPath] = useState<PathState>({});
  const [columnsOf, setColumnsOf] = useState<LineageNode>();
  const canvas = useRef<LineageCanvasHandle>(null);
  const pendingFocus = useRef<string>();
  const pendingFrame = useRef<string[]>();

  useEffect(() => setRoot(props.initialNode), [props.initialNode]);
  const lineage = useLineageGraph(root, depth, walk);
  const health = usePipelineStates(lineage.shown?.nodes);
  const problems = useMemo(() => {
    const marked = new Map<string, PipelineProblem>();
    for (const [ref, status] of health.states) {
      if (status.state === 'late' || status.state === 'failed') {
        marked.set(ref, status.state);
      }
    }
    return marked;
  }, [health.states]);
  const { layout, pending } = useLayout(lineage.shown);
  const drawn = layout?.of;
  const hidden = useMemo(
    () => (drawn ? hiddenNeighbourCounts(drawn.nodes, drawn.edges) : new Map()),
    [drawn],
  );
  const byId = useMemo(
    () => new Map((lineage.shown?.nodes ?? []).map(n => [n.id, n])),
    [lineage.shown],
  );

  useEffect(() => {
    setSelected(undefined);
    setPath({});
    pendingFrame.current = undefined;
    setColumnsOf(undefined);
  }, [root]);

  // Focus a node picked in search once it is laid out.
  useEffect(() => {
    const id = pendingFocus.current;
    if (id && layout?.result.positions[id]) {
      pendingFocus.current = undefined;
      canvas.current?.focusNode(id);
    }
  }, [layout]);

  // Show the whole of a path found, once every node of it is laid out.
  useEffect(() => {
    const ids = pendingFrame.current;
    if (ids && ids.every(id => layout?.result.positions[id])) {
      pendingFrame.current = undefined;
      canvas.current?.frameNodes(ids);
    }
  }, [layout, path]);

  const changeRoot = (id: string) => {
    setRoot(id);
    props.onRootChange?.(id);
  };

  const findPath = async (from: PathEnd, to: PathEnd) => {
    setPath({ from, to, loading: true });
    try {
      const found = await api.getLineagePath(from.id, to.id);
      if (found.path.length === 0) {
        setPath({
          from,
          to,
          error: `No data flows from ${from.title} to ${to.title}.`,
        });
        return;
      }
      const merge = lineage.shown && pathToMerge(found, lineage.shown);
      if (merge) lineage.add(merge.graph, merge.around);
      pendingFrame.current = found.path;
      const edges = new Set<string>();
      for (let i = 1; i < found.path.length; i++) {
        edges.add(edgeKey({ from: found.path[i - 1], to: found.path[i] }));
      }
      // An end known only by ref is named as the API names it.
      const titled = (end: PathEnd) =>
        found.nodes.find(n => n.id === end.id) ?? end;
      setPath({
        from: titled(from),
        to: titled(to),
        nodes: new Set(found.path),
        edges,
        hops: found.path.length - 1,
      });
    } catch (e) {
      setPath({
        from,
        to,
        error: `Could not find a path: ${(e as Error).message}`,
      });
    }
  };
  const choosePathEnd = (end: 'from' | 'to', node: PathEnd) => {
    const next = {
      ...path,
      [end]: node,
      nodes: undefined,
      edges: undefined,
      error: undefined,
    };
    if (next.from && next.to) findPath(next.from, next.to);
    else setPath(next);
  };

  // The path asked for in the link that opened the explorer, once the
  // start is loaded; once per start.
  const pathAsked = useRef<string>();
  useEffect(() => {
    const from = props.initialPathFrom;
    const start = lineage.shown?.root;
    const key = `${from}>${start}`;
    if (!from || !start || start !== props.initialNode) return;
    if (pathAsked.current === key || lineage.loading) return;
    pathAsked.current = key;
    const end = byId.get(start);
    if (end) {
      findPath(
        { id: from, title: byId.get(from)?.title ?? pipelineName(from) },
        end,
      );
    }
    // findPath is recreated each render; the keys above say when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    props.initialPathFrom,
    props.initialNode,
    lineage.shown,
    lineage.loading,
  ]);

  const toolbar = (
    <Box className={classes.toolbar}>
      <NodeSearch
        shownNodes={lineage.shown?.nodes ?? []}
        onPick={(node, onScreen) => {
          if (onScreen) {
            setSelected(node.id);
            canvas.current?.focusNode(node.id);
          } else {
            pendingFocus.current = node.id;
            changeRoot(node.id);
          }
        }}
      />
      {root && (
        <TextField
          select
          size="small"
          variant="outlined"
          id="lineage-hops"
          label="Hops shown"
          value={depth}
          onChange={e => setDepth(Number(e.target.value))}
          style={{ width: 170 }}
        >
          {[1, 2, 3, 4, 6].map(d => (
            <MenuItem key={d} value={d}>
              {d === 1 ? '1 (collapsed)' : d}
            </MenuItem>
          ))}
        </TextField>
      )}
      {root && (
        <TextField
          select
          size="small"
          variant="outlined"
          id="lineage-direction"
          label="Direction"
          value={walk}
          onChange={e => setWalk(e.target.value as LineageDirection)}
          style={{ width: 180 }}
        >
          <MenuItem value="both">Both ways</MenuItem>
          <MenuItem value="upstream">Upstream only</MenuItem>
          <MenuItem value="downstream">Downstream only</MenuItem>
        </TextField>
      )}
      {(path.from || path.to) && (
        <Paper
          variant="outlined"
          style={{
            padding: '2px 8px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
          }}
        >
          <Typography variant="body2" aria-live="polite">
            Path: {path.from?.title ?? '(choose start)'} →{' '}
            {path.to?.title ?? '(choose end)'}
            {path.hops !== undefined &&
              ` · ${path.hops} hop${path.hops === 1 ? '' : 's'}`}
            {path.loading && ' · finding…'}
          </Typography>
          <IconButton
            size="small"
            aria-label="Clear path"
            onClick={() => setPath({})}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        </Paper>
      )}
    </Box>
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
            problems={problems}
            anchor={lineage.lastExpanded ?? selected}
            onSelect={setSelected}
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
              actions={{
                onExplore: node => changeRoot(node.id),
                onPathFrom: node => choosePathEnd('from', node),
                onPathTo: node => choosePathEnd('to', node),
                onColumns: node => setColumnsOf(node),
                onSelect: id => {
                  setSelected(id);
                  canvas.current?.focusNode(id);
                },
                onExpand: (node, direction) =>
                  lineage.expand(node.id, direction),
                onPathFromRootCause: (node, ref) =>
                  findPath(
                    {
                      id: ref,
                      title: byId.get(ref)?.title ?? pipelineName(ref),
                    },
                    node,
                  ),
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
              onClick={() => setColumnsOf(undefined)}
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
