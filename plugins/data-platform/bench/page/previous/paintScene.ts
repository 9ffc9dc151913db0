import type {
  LineageEdgeSource,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { BADGE_HEIGHT, Scene, SceneEdge, SceneNode, badgeWidth } from './scene';
import {
  EDGE_STYLE,
  KIND_STYLE,
  NODE_HEIGHT,
  NODE_WIDTH,
  PATH_COLOUR,
  PROBLEM_STYLE,
  fitTitle,
  nodeColour,
} from '../../../src/lineage/graph/visuals';

/** Below this zoom, nodes are drawn as plain boxes: text would be unreadable. */
export const LABEL_MIN_ZOOM = 0.45;

/**
 * The note in the canvas's corner: how much of the graph is in view, and why
 * its boxes have no names when zoomed far out; nothing when all of it is in
 * view, named.
 */
export function inViewNote(drawn: number, total: number, k: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const unnamed = k < LABEL_MIN_ZOOM;
  if (drawn < total) {
    return `${count(drawn)} of ${count(total)} nodes in view · ${
      unnamed ? 'zoom in to read their names' : 'drag to pan'
    }`;
  }
  return unnamed
    ? `All ${count(total)} nodes in view · zoom in to read their names`
    : '';
}

/** The subset of CanvasRenderingContext2D the painter uses. */
export type Paint2D = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'bezierCurveTo'
  | 'stroke'
  | 'fill'
  | 'setLineDash'
  | 'fillText'
  | 'arc'
  | 'rect'
  | 'roundRect'
  | 'save'
  | 'restore'
> & {
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
};

export type View = {
  /** d3-zoom transform: screen = graph * k + (x, y). */
  k: number;
  x: number;
  y: number;
  width: number;
  height: number;
  pixelRatio: number;
};

export type PaintState = {
  root: string;
  selected?: string;
  focused?: string;
  highlight?: { nodes: Set<string>; edges: Set<string> };
  frontier?: Set<string>;
  colours: {
    background: string;
    paper: string;
    text: string;
    secondary: string;
    selection: string;
  };
};

/** How an edge is stroked: one pass, or two for the double line of `both`. */
export function edgeStrokes(
  source: LineageEdgeSource,
  onPath: boolean,
  background: string,
): { colour: string; width: number; dash: number[] }[] {
  const style = EDGE_STYLE[source];
  const colour = onPath ? PATH_COLOUR : style.colour;
  const dash = style.dash ? style.dash.split(' ').map(Number) : [];
  if (style.double) {
    return [
      { colour, width: onPath ? 6 : 4.5, dash: [] },
      { colour: background, width: 1.5, dash: [] },
    ];
  }
  return [{ colour, width: onPath ? 3 : 1.6, dash }];
}

/**
 * Draws the visible part of a lineage scene. Cost follows what is on screen,
 * not the graph size: off-screen nodes and edges are skipped, and edges are
 * stroked in one path per style. Returns how many nodes are in view (their
 * boxes, on screen) and how many edges were drawn.
 */
export function paintScene(
  ctx: Paint2D,
  scene: Scene,
  view: View,
  state: PaintState,
): { nodes: number; edges: number } {
  const { k, pixelRatio } = view;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.fillStyle = state.colours.background;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.setTransform(
    k * pixelRatio,
    0,
    0,
    k * pixelRatio,
    view.x * pixelRatio,
    view.y * pixelRatio,
  );

  // The visible rectangle in graph coordinates, with room for badges.
  const left = -view.x / k - 80;
  const top = -view.y / k - 20;
  const right = (view.width - view.x) / k + 80;
  const bottom = (view.height - view.y) / k + 20;
  const highlight = state.highlight;

  const visibleEdges: SceneEdge[] = [];
  for (const e of scene.edges) {
    if (
      Math.max(e.x1, e.x2) < left ||
      Math.min(e.x1, e.x2) > right ||
      Math.max(e.y1, e.y2) < top ||
      Math.min(e.y1, e.y2) > bottom
    ) {
      continue;
    }
    visibleEdges.push(e);
  }
  const sources: LineageEdgeSource[] = ['declared', 'observed', 'both'];
  for (const onPath of [false, true]) {
    ctx.globalAlpha = highlight && !onPath ? 0.15 : 1;
    for (const source of sources) {
      const batch = visibleEdges.filter(
        e =>
          e.edge.source === source && !!highlight?.edges.has(e.key) === onPath,
      );
      if (batch.length === 0) continue;
      for (const stroke of edgeStrokes(
        source,
        onPath,
        state.colours.background,
      )) {
        ctx.strokeStyle = stroke.colour;
        ctx.lineWidth = stroke.width;
        ctx.setLineDash(stroke.dash);
        ctx.beginPath();
        for (const e of batch) {
          const dx = Math.max(40, Math.abs(e.x2 - e.x1) / 2);
          ctx.moveTo(e.x1, e.y1);
          ctx.bezierCurveTo(e.x1 + dx, e.y1, e.x2 - dx, e.y2, e.x2, e.y2);
        }
        ctx.stroke();
      }
    }
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  let drawn = 0;
  const detailed = k >= LABEL_MIN_ZOOM;
  for (const n of scene.nodes) {
    if (
      n.x + NODE_WIDTH < left ||
      n.x > right ||
      n.y + NODE_HEIGHT < top ||
      n.y > bottom
    ) {
      continue;
    }
    // Counted in view if its box is, not just its badges: the note then
    // says when a node just past the edge is a pan away.
    if (
      n.x + NODE_WIDTH > -view.x / k &&
      n.x < (view.width - view.x) / k &&
      n.y + NODE_HEIGHT > -view.y / k &&
      n.y < (view.height - view.y) / k
    ) {
      drawn++;
    }
    ctx.globalAlpha = highlight && !highlight.nodes.has(n.node.id) ? 0.3 : 1;
    if (detailed) paintNode(ctx, n, state);
    else {
      ctx.fillStyle = nodeColour(n.node);
      ctx.fillRect(n.x, n.y, NODE_WIDTH, NODE_HEIGHT);
      // Far out, a late or failed pipeline is a thick ring: where the
      // trouble is stays visible across a thousand boxes.
      if (n.problem) {
        ctx.strokeStyle = PROBLEM_STYLE[n.problem].colour;
        ctx.lineWidth = Math.min(24, 4 / k);
        ctx.beginPath();
        ctx.rect(n.x, n.y, NODE_WIDTH, NODE_HEIGHT);
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
  return { nodes: drawn, edges: visibleEdges.length };
}

function paintNode(ctx: Paint2D, n: SceneNode, state: PaintState) {
  const { node, x, y } = n;
  const id = node.id;
  const colour = nodeColour(n.node);
  const onPath = !!state.highlight?.nodes.has(id);
  const selected = state.selected === id || state.focused === id;
  let outline = colour;
  if (onPath) outline = PATH_COLOUR;
  if (selected) outline = state.colours.selection;
  const emphasised = selected || onPath || id === state.root;

  ctx.beginPath();
  ctx.roundRect(x, y, NODE_WIDTH, NODE_HEIGHT, 8);
  ctx.fillStyle = state.colours.paper;
  ctx.fill();
  ctx.setLineDash(node.registered ? [] : [5, 3]);
  ctx.strokeStyle = outline;
  ctx.lineWidth = emphasised ? 3 : 1.5;
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.roundRect(x, y, 6, NODE_HEIGHT, 3);
  ctx.fill();
  ctx.beginPath();
  ctx.arc(x + 26, y + NODE_HEIGHT / 2, 12, 0, Math.PI * 2);
  ctx.fill();

  const kind = KIND_STYLE[node.kind];
  ctx.fillStyle = '#ffffff';
  ctx.font = '700 13px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(kind.badge, x + 26, y + NODE_HEIGHT / 2 + 1);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = state.colours.text;
  ctx.font = '600 13px sans-serif';
  ctx.fillText(fitTitle(node.title), x + 46, y + 22);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = node.registered ? state.colours.secondary : '#c62828';
  let subtitle = node.registered
    ? kind.label
    : `${kind.label} · not in catalog`;
  if (n.problem) {
    subtitle += ` · ${PROBLEM_STYLE[n.problem].label.toLocaleLowerCase(
      'en-US',
    )}`;
    ctx.font = '700 11px sans-serif';
    ctx.fillStyle = PROBLEM_STYLE[n.problem].text;
  }
  if (state.frontier?.has(id)) subtitle += ' · cut off';
  ctx.fillText(subtitle, x + 46, y + 39);

  if (n.problem) paintProblemMark(ctx, n, n.problem);
  if (n.hiddenUpstream > 0) paintBadge(ctx, n, 'upstream');
  if (n.hiddenDownstream > 0) paintBadge(ctx, n, 'downstream');
}

/** A round "!" on the node's top-right corner, red for failed, amber for late; the subtitle says which. */
function paintProblemMark(ctx: Paint2D, n: SceneNode, problem: ProblemState) {
  const cx = n.x + NODE_WIDTH - 2;
  const cy = n.y + 2;
  const style = PROBLEM_STYLE[problem];
  ctx.fillStyle = style.colour;
  ctx.beginPath();
  ctx.arc(cx, cy, 9, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = style.glyph;
  ctx.font = '700 12px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('!', cx, cy + 1);
}

function paintBadge(
  ctx: Paint2D,
  n: SceneNode,
  direction: 'upstream' | 'downstream',
) {
  const count =
    direction === 'upstream' ? n.hiddenUpstream : n.hiddenDownstream;
  const width = badgeWidth(count);
  const x = direction === 'upstream' ? n.x - 4 - width : n.x + NODE_WIDTH + 4;
  const y = n.y + (NODE_HEIGHT - BADGE_HEIGHT) / 2;
  ctx.fillStyle = '#455a64';
  ctx.beginPath();
  ctx.roundRect(x, y, width, BADGE_HEIGHT, BADGE_HEIGHT / 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = '700 12px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(`+${count}`, x + width / 2, y + BADGE_HEIGHT / 2 + 1);
}
