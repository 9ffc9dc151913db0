import {
  forwardRef,
  useCallback,
  useImperativeHandle,
  useMemo,
  useState,
} from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  LineageEdge,
  LineageNode,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { LayoutResult } from '../../../src/lineage/layout/types';
import { useCanvasSurface } from '../../../src/lineage/graph/canvasSurface';
import { LineageNodeList } from './LineageNodeList';
import { centreOnMinimapPoint, minimapFit } from './minimap';
import { buildScene, hitTest, hoverTitle } from './scene';
import { useCanvasPainter } from './useCanvasPainter';
import {
  LineageCanvasHandle,
  useViewControls,
} from '../../../src/lineage/graph/useViewControls';
import { useZoom } from '../../../src/lineage/graph/useZoom';

export type { LineageCanvasHandle } from '../../../src/lineage/graph/useViewControls';

const useStyles = makeStyles(
  theme => ({
    root: { position: 'relative', width: '100%', height: '100%' },
    canvas: {
      display: 'block',
      width: '100%',
      height: '100%',
      cursor: 'grab',
      touchAction: 'none',
      '&:active': { cursor: 'grabbing' },
    },
    minimap: {
      display: 'none',
      position: 'absolute',
      right: theme.spacing(1),
      bottom: theme.spacing(1),
      borderRadius: theme.shape.borderRadius,
      boxShadow: theme.shadows[2],
      cursor: 'pointer',
      touchAction: 'none',
    },
    inView: {
      position: 'absolute',
      left: theme.spacing(1),
      bottom: theme.spacing(1),
      padding: theme.spacing(0.25, 1),
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.paper,
      color: theme.palette.text.secondary,
      fontSize: theme.typography.caption.fontSize,
      pointerEvents: 'none',
      '&:empty': { display: 'none' },
      // On a phone the overview, bottom right, would cover it.
      [theme.breakpoints.down('xs')]: { top: theme.spacing(1), bottom: 'auto' },
    },
  }),
  { name: 'DataPlatformLineageCanvas' },
);

export type LineageCanvasProps = {
  nodes: LineageNode[];
  edges: LineageEdge[];
  layout: LayoutResult;
  root: string;
  selected?: string;
  /** Nodes and edges (`from->to`) of a highlighted path; others are dimmed. */
  highlight?: { nodes: Set<string>; edges: Set<string> };
  /** Neighbours in the index that are not on screen, per node. */
  hidden: Map<string, { upstream: number; downstream: number }>;
  /** Nodes the API stopped at because of its node cap. */
  frontier?: Set<string>;
  /** Pipelines that pipeline health finds late or failed now. */
  problems?: Map<string, ProblemState>;
  /** Keep this node where it was on screen when the layout changes. */
  anchor?: string;
  onSelect(id: string): void;
  onExpand(id: string, direction: 'upstream' | 'downstream'): void;
};

/**
 * The lineage graph on a 2D canvas, panned and zoomed with d3-zoom. A frame
 * draws only what is on screen (boxes without text when zoomed far out), so
 * pan and zoom stay smooth at thousands of nodes; the SVG equivalent spent
 * over 100 ms per frame at 1,000 nodes (docs/benchmarks/lineage-browser.md).
 * The nodes are also a visually hidden list of buttons, for keyboard and
 * screen reader users.
 */
export const LineageCanvas = forwardRef<
  LineageCanvasHandle,
  LineageCanvasProps
>(function LineageCanvasComponent(props, ref) {
  const { nodes, edges, layout, root, hidden, problems } = props;
  const classes = useStyles();
  const theme = useTheme();
  const surface = useCanvasSurface();
  const [focused, setFocused] = useState<string>();

  const scene = useMemo(
    () => buildScene(nodes, edges, layout, hidden, problems),
    [nodes, edges, layout, hidden, problems],
  );
  const overviewFit = useMemo(() => minimapFit(layout), [layout]);
  const { canvasRef, inViewRef, minimapRef, requestPaint } = useCanvasPainter({
    scene,
    overviewFit,
    paintState: {
      root,
      selected: props.selected,
      focused,
      highlight: props.highlight,
      frontier: props.frontier,
      colours: {
        background: theme.palette.background.default,
        paper: theme.palette.background.paper,
        text: theme.palette.text.primary,
        secondary: theme.palette.text.secondary,
        selection: theme.palette.primary.main,
      },
    },
    minimapColours: {
      paper: theme.palette.background.paper,
      divider: theme.palette.divider,
      selection: theme.palette.primary.main,
    },
  });
  const zoom = useZoom(canvasRef, requestPaint);
  const handle = useViewControls({
    canvasRef,
    zoom,
    layout,
    root,
    anchor: props.anchor,
  });
  useImperativeHandle(ref, () => handle, [handle]);

  const hitAt = (event: React.MouseEvent) => {
    const box = canvasRef.current!.getBoundingClientRect();
    const [x, y] = zoom
      .transform()
      .invert([event.clientX - box.left, event.clientY - box.top]);
    return hitTest(scene, x, y);
  };
  const onClick = (event: React.MouseEvent) => {
    const hit = hitAt(event);
    if (hit?.type === 'expand') props.onExpand(hit.id, hit.direction);
    else if (hit) props.onSelect(hit.id);
  };
  const onMouseMove = (event: React.MouseEvent) => {
    const canvas = canvasRef.current!;
    const hit = hitAt(event);
    canvas.style.cursor = hit ? 'pointer' : '';
    const title = hoverTitle(scene, hit);
    if (canvas.title !== title) canvas.title = title;
  };

  // A click or drag on the overview centres the main view there.
  const onMinimapPointer = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (event.type === 'pointerdown') {
      event.currentTarget.setPointerCapture?.(event.pointerId);
    }
    const box = event.currentTarget.getBoundingClientRect();
    const point = { x: event.clientX - box.left, y: event.clientY - box.top };
    const view = { k: zoom.transform().k, ...surface.size(canvas) };
    zoom.setTransform(centreOnMinimapPoint(point, overviewFit, view));
  };

  const onFocusChange = useCallback(
    (id: string | undefined) => {
      setFocused(id);
      if (id) handle.focusNode(id);
    },
    [handle],
  );

  return (
    <div className={classes.root}>
      <canvas
        ref={canvasRef}
        className={classes.canvas}
        data-testid="lineage-canvas"
        aria-hidden
        onClick={onClick}
        onMouseMove={onMouseMove}
      />
      <div ref={inViewRef} className={classes.inView} aria-hidden />
      <canvas
        ref={minimapRef}
        className={classes.minimap}
        data-testid="lineage-minimap"
        aria-hidden
        title="Overview: click or drag to move the view"
        onPointerDown={onMinimapPointer}
        onPointerMove={event => {
          if (event.buttons === 1) onMinimapPointer(event);
        }}
      />
      <LineageNodeList
        scene={scene}
        root={root}
        selected={props.selected}
        onPath={props.highlight?.nodes}
        onFocusChange={onFocusChange}
        onSelect={props.onSelect}
        onExpand={props.onExpand}
      />
    </div>
  );
});
