import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, ZoomBehavior, ZoomTransform } from 'd3-zoom';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  LineageEdge,
  LineageNode,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { LayoutResult } from '../layout/types';
import { inViewNote, paintScene, PaintState } from './paintScene';
import { centreOnMinimapPoint, minimapFit, MinimapPainter } from './minimap';
import {
  frameNodes,
  legibleView,
  LEGIBLE_ZOOM,
  panToReveal,
  wholeView,
} from './revealNodes';
import { buildScene, hitTest } from './scene';
import { LineageNodeList } from './LineageNodeList';
import { NODE_HEIGHT, NODE_WIDTH, PROBLEM_STYLE } from './visuals';

const useStyles = makeStyles(theme => ({
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
  },
}));

export type LineageCanvasHandle = {
  /** Centres a node at a readable zoom. */
  focusNode(id: string): void;
  /** Shows the whole graph. */
  fitAll(): void;
  /**
   * Shows the whole graph if its titles stay legible so; else as much of it
   * as they allow, from the root.
   */
  overview(): void;
  /** Shows these nodes (a path), zoomed out as far as they need. */
  frameNodes(ids: Iterable<string>): void;
  zoomBy(factor: number): void;
};

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

const isJsdom = () =>
  typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent);

/**
 * The lineage graph on a 2D canvas, panned and zoomed with d3-zoom. A frame
 * draws only what is on screen (boxes without text when zoomed far out), so
 * pan and zoom stay smooth at thousands of nodes; the SVG equivalent spent
 * over 100 ms per frame at 1,000 nodes (see bench/). The nodes are also a
 * visually hidden list of buttons, for keyboard and screen reader users.
 */
export const LineageCanvas = forwardRef<
  LineageCanvasHandle,
  LineageCanvasProps
>(function LineageCanvasComponent(props, ref) {
  const { nodes, edges, layout, root, hidden } = props;
  const classes = useStyles();
  const theme = useTheme();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const inViewRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const [minimapPainter] = useState(() => new MinimapPainter());
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>();
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const previousLayout = useRef<LayoutResult>();
  const frameRef = useRef<number>();
  const [focused, setFocused] = useState<string>();

  const scene = useMemo(
    () => buildScene(nodes, edges, layout, hidden, props.problems),
    [nodes, edges, layout, hidden, props.problems],
  );
  const paintState: PaintState = {
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
  };
  const overviewFit = useMemo(() => minimapFit(layout), [layout]);
  const minimapColours = {
    paper: theme.palette.background.paper,
    divider: theme.palette.divider,
    selection: theme.palette.primary.main,
  };
  const paintRef = useRef({ scene, paintState, overviewFit, minimapColours });
  paintRef.current = { scene, paintState, overviewFit, minimapColours };

  const draw = useCallback(() => {
    frameRef.current = undefined;
    const canvas = canvasRef.current;
    if (!canvas || isJsdom()) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const pixelRatio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * pixelRatio)) {
      canvas.width = Math.round(width * pixelRatio);
    }
    if (canvas.height !== Math.round(height * pixelRatio)) {
      canvas.height = Math.round(height * pixelRatio);
    }
    const t = transformRef.current;
    const view = { k: t.k, x: t.x, y: t.y, width, height, pixelRatio };
    const { scene: drawnScene } = paintRef.current;
    const drawn = paintScene(
      ctx,
      drawnScene,
      view,
      paintRef.current.paintState,
    );
    canvas.dataset.drawnNodes = String(drawn.nodes);
    // The note and the overview change as the view pans: written here, not
    // through React state.
    const partial = drawn.nodes < drawnScene.nodes.length;
    const inView = inViewRef.current;
    const text = inViewNote(drawn.nodes, drawnScene.nodes.length, t.k);
    if (inView && inView.textContent !== text) inView.textContent = text;
    const minimap = minimapRef.current;
    if (minimap) {
      minimap.style.display = partial ? 'block' : 'none';
      if (partial) {
        const { overviewFit: box, minimapColours: colours } = paintRef.current;
        minimapPainter.paint(minimap, drawnScene, box, view, colours);
      }
    }
    canvas.dataset.transform = `${t.x.toFixed(1)},${t.y.toFixed(
      1,
    )},${t.k.toFixed(3)}`;
  }, [minimapPainter]);
  const requestDraw = useCallback(() => {
    if (
      frameRef.current === undefined &&
      typeof requestAnimationFrame !== 'undefined'
    ) {
      frameRef.current = requestAnimationFrame(draw);
    }
  }, [draw]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 2.5])
      .on('zoom', event => {
        transformRef.current = event.transform;
        requestDraw();
      });
    zoomRef.current = behaviour;
    select(canvas).call(behaviour).on('dblclick.zoom', null);
    const resize =
      typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver(requestDraw)
        : undefined;
    resize?.observe(canvas);
    return () => {
      select(canvas).on('.zoom', null);
      resize?.disconnect();
      if (frameRef.current !== undefined)
        cancelAnimationFrame(frameRef.current);
    };
  }, [requestDraw]);

  // Anything that changes the picture: draw on the next frame.
  useEffect(requestDraw);

  const setTransform = useCallback((t: ZoomTransform) => {
    transformRef.current = t;
    if (canvasRef.current && zoomRef.current) {
      select(canvasRef.current).call(zoomRef.current.transform, t);
    }
  }, []);

  const { handle, showFromRoot } = useMemo(() => {
    const size = () => ({
      width: canvasRef.current?.clientWidth || 800,
      height: canvasRef.current?.clientHeight || 600,
    });
    const show = (view?: { x: number; y: number; k: number }) => {
      if (view)
        setTransform(zoomIdentity.translate(view.x, view.y).scale(view.k));
    };
    const legibly = (k: number) => show(legibleView(layout, root, size(), k));
    const methods: LineageCanvasHandle = {
      focusNode(id) {
        const p = layout.positions[id];
        if (!p) return;
        const { width, height } = size();
        const k = Math.max(transformRef.current.k, 0.8);
        setTransform(
          zoomIdentity
            .translate(
              width / 2 - (p.x + NODE_WIDTH / 2) * k,
              height / 2 - (p.y + NODE_HEIGHT / 2) * k,
            )
            .scale(k),
        );
      },
      fitAll() {
        show(wholeView(layout, size()));
      },
      overview() {
        legibly(LEGIBLE_ZOOM);
      },
      frameNodes(ids) {
        show(frameNodes(layout, ids, size()));
      },
      zoomBy(factor) {
        if (canvasRef.current && zoomRef.current) {
          select(canvasRef.current).call(zoomRef.current.scaleBy, factor);
        }
      },
    };
    return { handle: methods, showFromRoot: legibly };
  }, [layout, root, setTransform]);
  useImperativeHandle(ref, () => handle, [handle]);

  // A new layout: keep the anchor node in place on screen (panning just
  // enough to show the neighbours it brought), or frame the root.
  useEffect(() => {
    const before = previousLayout.current;
    previousLayout.current = layout;
    const anchor = props.anchor;
    const from = anchor ? before?.positions[anchor] : undefined;
    const to = anchor ? layout.positions[anchor] : undefined;
    const width = canvasRef.current?.clientWidth || 800;
    const height = canvasRef.current?.clientHeight || 600;
    if (anchor && before && from && to) {
      const kept = transformRef.current.translate(from.x - to.x, from.y - to.y);
      const { dx, dy } = panToReveal(
        kept,
        { width, height },
        before,
        layout,
        anchor,
      );
      setTransform(
        zoomIdentity.translate(kept.x + dx, kept.y + dy).scale(kept.k),
      );
      return;
    }
    // A first view: shown whole if legible, else from the root, readably.
    showFromRoot(Math.max(transformRef.current.k, 0.8));
    // Only a new layout moves the view; the anchor is read, not watched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  const hitAt = (clientX: number, clientY: number) => {
    const box = canvasRef.current!.getBoundingClientRect();
    const [x, y] = transformRef.current.invert([
      clientX - box.left,
      clientY - box.top,
    ]);
    return hitTest(scene, x, y);
  };
  const onClick = (event: React.MouseEvent) => {
    const hit = hitAt(event.clientX, event.clientY);
    if (hit?.type === 'expand') props.onExpand(hit.id, hit.direction);
    else if (hit) props.onSelect(hit.id);
  };
  const onMouseMove = (event: React.MouseEvent) => {
    const hit = hitAt(event.clientX, event.clientY);
    const canvas = canvasRef.current!;
    canvas.style.cursor = hit ? 'pointer' : '';
    let title = '';
    if (hit?.type === 'expand') {
      title = `Show ${hit.direction} neighbours of ${
        scene.byId.get(hit.id)?.node.title
      }`;
    } else if (hit) {
      const n = scene.byId.get(hit.id);
      title = `${n?.node.title}\n${hit.id}${
        n?.problem
          ? `\n${PROBLEM_STYLE[n.problem].label} (pipeline health)`
          : ''
      }`;
    }
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
    const t = centreOnMinimapPoint(
      { x: event.clientX - box.left, y: event.clientY - box.top },
      overviewFit,
      {
        k: transformRef.current.k,
        width: canvas.clientWidth,
        height: canvas.clientHeight,
      },
    );
    setTransform(zoomIdentity.translate(t.x, t.y).scale(t.k));
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
        nodes={scene.nodes}
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
