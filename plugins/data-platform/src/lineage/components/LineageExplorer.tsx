import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';
import type { LineageCanvasHandle } from '../graph/LineageCanvas';
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
import { ColumnLineagePanel } from './ColumnLineagePanel';
import type { Impact } from './DownstreamImpact';
import { ExplorerNotices } from './ExplorerNotices';
import { LineageToolbar } from './LineageToolbar';
import { LineageGraphPanel } from './LineageGraphPanel';
import type { NodeActions } from './NodeDetails';

export type { ExplorerView } from '../state/useExplorerStart';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
      height: '100%',
      minHeight: 0,
    },
  }),
  { name: 'DataPlatformLineageExplorer' },
);

const NoLineageYet = () => (
  <EmptyState
    missing="data"
    title="No lineage yet"
    description="This entity has no lineage yet: declare inputs/outputs in catalog YAML or send OpenLineage events."
  />
);

/** Before a start is chosen: what to search for, and what the catalog lacks. */
const NoStartYet = (props: { onExplore(id: string): void }) => (
  <>
    <Typography variant="body1">
      Search for an event type, pipeline, data endpoint, or a dataset seen in
      OpenLineage events, to see what feeds it and what it feeds.
    </Typography>
    <CatalogGaps onExplore={props.onExplore} />
  </>
);

/** @public */
export type LineageExplorerProps = {
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
};

/**
 * Lineage around a node: a left-to-right graph collapsed to one hop, "+N"
 * handles to expand, search, a path between two nodes, and column lineage.
 */
export function LineageExplorer(props: LineageExplorerProps) {
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
        <NoStartYet onExplore={changeRoot} />
      </Box>
    );
  }

  const actions: NodeActions = {
    onExplore: node => changeRoot(node.id),
    onShowDownstream: (node, hops) => {
      const downstream: ExplorerView = {
        depth: LINEAGE_HOPS.find(h => h >= hops) ?? LINEAGE_HOPS.at(-1)!,
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
    onExpand: (node, direction) => lineage.expand(node.id, direction),
    onPathFromRootCause: (node, ref) => findPathFrom(ref, node),
    onImpactFound: (node, impact) =>
      setImpacts(known => new Map(known).set(node.id, impact)),
  };
  let graph;
  if (lineage.error) {
    graph =
      (lineage.error as { statusCode?: number }).statusCode === 404 ? (
        <NoLineageYet />
      ) : (
        <ResponseErrorPanel error={lineage.error} />
      );
  } else if (!drawn || !layout || lineage.loading) {
    graph = <Progress />;
  } else if (drawn.nodes.length <= 1 && drawn.edges.length === 0) {
    graph = <NoLineageYet />;
  } else {
    graph = (
      <LineageGraphPanel
        canvas={canvas}
        drawn={drawn}
        layout={layout.result}
        updating={pending || lineage.expanding.size > 0}
        selected={selected}
        path={path}
        hidden={hidden}
        problems={health.problems}
        anchor={lineage.lastExpanded ?? selected}
        onSelect={select}
        onExpand={(id, direction) => lineage.expand(id, direction)}
        nodesById={byId}
        health={selected ? health.states.get(selected) : undefined}
        impact={selected ? impacts.get(selected) : undefined}
        actions={actions}
      />
    );
  }

  return (
    // The app's "Skip to content" lands here, three Tabs from the graph.
    <Box className={classes.root} data-skip-target>
      {toolbar}
      <ExplorerNotices
        drawn={drawn}
        expansionError={lineage.expansionError}
        pathError={path.error}
        healthError={health.error}
      />
      {graph}
      {columnsOf && (
        <ColumnLineagePanel
          node={columnsOf}
          columns={columnsOf.id === root ? props.rootColumns : undefined}
          onClose={() => showColumnsOf(undefined)}
        />
      )}
    </Box>
  );
}
